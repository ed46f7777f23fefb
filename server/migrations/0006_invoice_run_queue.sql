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
