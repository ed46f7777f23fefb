-- Invoice runs become background jobs: POST records a queued run, a worker in the server process claims it
-- (FOR UPDATE SKIP LOCKED, with a lease), fixes the list of clients to invoice, and processes them in batches.
-- Each batch commits its invoices together with the run's progress, so a run interrupted by a crash resumes
-- after the last committed batch once its lease expires; `invoiced_bookings` still refuses a second invoice.

ALTER TABLE invoice_runs DROP CONSTRAINT invoice_runs_status_check;
ALTER TABLE invoice_runs
  ALTER COLUMN status SET DEFAULT 'queued',
  ADD CONSTRAINT invoice_runs_status_check CHECK (status IN ('queued', 'running', 'completed', 'failed')),
  -- The clients with billable bookings when the run started, in processing order: ["uuid", …].
  ADD COLUMN client_ids jsonb CHECK (client_ids IS NULL OR jsonb_typeof(client_ids) = 'array'),
  ADD COLUMN clients_done integer NOT NULL DEFAULT 0 CHECK (clients_done >= 0),
  -- Bookings rated successfully (whether or not this run ended up invoicing them).
  ADD COLUMN visits_rated integer NOT NULL DEFAULT 0 CHECK (visits_rated >= 0),
  ADD COLUMN attempts integer NOT NULL DEFAULT 0,
  -- The claiming worker owns the run until then; it extends the lease after every batch.
  ADD COLUMN locked_until timestamptz,
  ADD COLUMN started_at timestamptz,
  ADD COLUMN finished_at timestamptz,
  ADD COLUMN error text,
  ADD CONSTRAINT invoice_runs_progress CHECK (
    client_ids IS NULL OR clients_done <= jsonb_array_length(client_ids));

-- The worker's queue: runs not yet finished, oldest first (scanned across organisations).
CREATE INDEX invoice_runs_pending_idx ON invoice_runs (created_at) WHERE status IN ('queued', 'running');

-- The rating engine's structured reason for each line (rule, option and the option set it came from), so the
-- invoice can show "why this price" as the booking does; null on lines written before this migration.
ALTER TABLE invoice_lines ADD COLUMN source jsonb;

-- Why an invoice was voided (given by the user; shown with the credit note). Set once, with the void.
ALTER TABLE invoices ADD COLUMN void_reason text CHECK (void_reason IS NULL OR length(trim(void_reason)) > 0);
ALTER TABLE invoices ADD CONSTRAINT invoices_void_reason CHECK (void_reason IS NULL OR status = 'void');

-- As in 0004, with the void reason allowed to arrive together with the void.
CREATE OR REPLACE FUNCTION invoices_immutable() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'invoice % is % and cannot be deleted', OLD.id, OLD.status USING ERRCODE = '55000';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'draft' THEN
    RETURN NEW;
  END IF;
  IF NOT ((OLD.status = 'issued' AND NEW.status IN ('issued', 'paid', 'void'))
          OR (OLD.status = NEW.status))
     OR (to_jsonb(NEW) - 'status' - 'paid_at' - 'voided_at' - 'void_reason') IS DISTINCT FROM
        (to_jsonb(OLD) - 'status' - 'paid_at' - 'voided_at' - 'void_reason')
     OR (OLD.paid_at IS NOT NULL AND NEW.paid_at IS DISTINCT FROM OLD.paid_at)
     OR (OLD.voided_at IS NOT NULL AND NEW.voided_at IS DISTINCT FROM OLD.voided_at)
     OR (OLD.status = 'void' AND NEW.void_reason IS DISTINCT FROM OLD.void_reason) THEN
    RAISE EXCEPTION 'invoice % is % and cannot be changed', OLD.id, OLD.status USING ERRCODE = '55000';
  END IF;
  RETURN NEW;
END
$$;
