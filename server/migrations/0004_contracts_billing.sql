-- Contracts and billing: contract types and a client's contract assignments (dated option sets, validated by
-- the rating engine's schema), carer contracts (pay side), organisation calendars, the billing fields of a
-- booking, and invoices with gap-free numbering, immutability once issued and never-twice invoicing.

-- The region whose calendar (public holidays, special days) applies to the client.
ALTER TABLE clients ADD COLUMN region text CHECK (region IS NULL OR length(trim(region)) > 0);

CREATE TABLE contract_types (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(trim(name)) > 0),
  category text NOT NULL CHECK (category IN ('private', 'local_authority', 'ndis', 'other')),
  -- [{ effectiveFrom: 'YYYY-MM-DD', options: { … } }] in ascending date order; the first applies from the start.
  option_sets jsonb NOT NULL CHECK (jsonb_typeof(option_sets) = 'array' AND jsonb_array_length(option_sets) > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id)
);
CREATE UNIQUE INDEX contract_types_name_key ON contract_types (organisation_id, lower(name));

-- A client's contract (assignment of a type): its own option sets override the type's option by option.
CREATE TABLE client_contracts (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL,
  contract_type_id uuid NOT NULL,
  name text NOT NULL CHECK (length(trim(name)) > 0),
  start_date date NOT NULL,
  end_date date CHECK (end_date IS NULL OR end_date >= start_date),
  is_default boolean NOT NULL DEFAULT false,
  option_sets jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(option_sets) = 'array'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  -- Lets a booking's contract be required to belong to the booking's client (composite FK below).
  UNIQUE (organisation_id, client_id, id),
  FOREIGN KEY (organisation_id, client_id) REFERENCES clients (organisation_id, id),
  FOREIGN KEY (organisation_id, contract_type_id) REFERENCES contract_types (organisation_id, id)
);
-- At most one default contract per client, whatever runs concurrently; the application keeps at least one.
CREATE UNIQUE INDEX client_contracts_one_default ON client_contracts (organisation_id, client_id) WHERE is_default;
CREATE INDEX client_contracts_type_idx ON client_contracts (organisation_id, contract_type_id);

-- The pay side: one schedule of carer option sets (rates, mileageRate, …) per staff member.
CREATE TABLE carer_contracts (
  organisation_id uuid NOT NULL,
  staff_id uuid NOT NULL,
  option_sets jsonb NOT NULL CHECK (jsonb_typeof(option_sets) = 'array' AND jsonb_array_length(option_sets) > 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, staff_id),
  FOREIGN KEY (organisation_id, staff_id) REFERENCES staff (organisation_id, id)
);

-- Public holidays and special days, per region.
CREATE TABLE calendar_days (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  region text NOT NULL CHECK (length(trim(region)) > 0),
  date date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('public_holiday', 'special_day')),
  name text NOT NULL CHECK (length(trim(name)) > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, region, date, kind)
);

-- What a booking is billed under and what happened at the visit.
ALTER TABLE bookings
  ADD COLUMN contract_id uuid,
  ADD COLUMN actual_start timestamptz,
  ADD COLUMN actual_end timestamptz,
  ADD COLUMN mileage numeric(8, 2) CHECK (mileage IS NULL OR mileage >= 0),
  ADD CONSTRAINT bookings_contract_fkey FOREIGN KEY (organisation_id, client_id, contract_id)
    REFERENCES client_contracts (organisation_id, client_id, id),
  ADD CONSTRAINT bookings_actual_times CHECK (
    (actual_start IS NULL) = (actual_end IS NULL) AND (actual_end IS NULL OR actual_end >= actual_start));

CREATE TABLE invoice_runs (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  period_from date NOT NULL,
  period_to date NOT NULL CHECK (period_to >= period_from),
  client_id uuid,
  status text NOT NULL DEFAULT 'completed' CHECK (status IN ('completed')),
  invoice_count integer NOT NULL DEFAULT 0,
  booking_count integer NOT NULL DEFAULT 0,
  -- Bookings that could not be rated: [{ bookingId, clientId, errors: [{ field, reason }] }]
  problems jsonb NOT NULL DEFAULT '[]',
  created_by_user_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, client_id) REFERENCES clients (organisation_id, id),
  FOREIGN KEY (organisation_id, created_by_user_id) REFERENCES users (organisation_id, id)
);

CREATE TABLE invoices (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL,
  run_id uuid,
  kind text NOT NULL DEFAULT 'invoice' CHECK (kind IN ('invoice', 'credit_note')),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued', 'paid', 'void')),
  -- Assigned when issued, from invoice_counters: per organisation, no gaps, no duplicates.
  number integer CHECK (number > 0),
  period_from date NOT NULL,
  period_to date NOT NULL CHECK (period_to >= period_from),
  -- Who the invoice is addressed to: the client's name, or the local-authority reference for anonymity.
  recipient text NOT NULL,
  uses_local_authority_reference boolean NOT NULL DEFAULT false,
  total_minor bigint NOT NULL DEFAULT 0,
  credit_for_id uuid,
  issued_at timestamptz,
  paid_at timestamptz,
  voided_at timestamptz,
  created_by_user_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, client_id) REFERENCES clients (organisation_id, id),
  FOREIGN KEY (organisation_id, run_id) REFERENCES invoice_runs (organisation_id, id),
  FOREIGN KEY (organisation_id, credit_for_id) REFERENCES invoices (organisation_id, id),
  FOREIGN KEY (organisation_id, created_by_user_id) REFERENCES users (organisation_id, id),
  CHECK ((status IN ('issued', 'paid')) <= (number IS NOT NULL AND issued_at IS NOT NULL)),
  CHECK ((status = 'draft') <= (number IS NULL)),
  CHECK ((kind = 'credit_note') = (credit_for_id IS NOT NULL))
);
CREATE UNIQUE INDEX invoices_number_key ON invoices (organisation_id, number) WHERE number IS NOT NULL;
-- One credit note per voided invoice.
CREATE UNIQUE INDEX invoices_credit_for_key ON invoices (organisation_id, credit_for_id) WHERE credit_for_id IS NOT NULL;
CREATE INDEX invoices_list_idx ON invoices (organisation_id, created_at DESC, id DESC);
CREATE INDEX invoices_client_idx ON invoices (organisation_id, client_id);

CREATE TABLE invoice_lines (
  organisation_id uuid NOT NULL,
  invoice_id uuid NOT NULL,
  position integer NOT NULL CHECK (position >= 0),
  booking_id uuid,
  visit_date date,
  kind text NOT NULL CHECK (kind IN ('time', 'nonProRata', 'callOut', 'mileage')),
  minutes integer,
  rate_minor integer,
  amount_minor bigint NOT NULL,
  explanation text NOT NULL,
  PRIMARY KEY (organisation_id, invoice_id, position),
  FOREIGN KEY (organisation_id, invoice_id) REFERENCES invoices (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, booking_id) REFERENCES bookings (organisation_id, id)
);
CREATE INDEX invoice_lines_booking_idx ON invoice_lines (organisation_id, booking_id);

-- A booking is on at most one live (not void) invoice: runs claim bookings here, concurrently or not, and
-- voiding an invoice releases its claims.
CREATE TABLE invoiced_bookings (
  organisation_id uuid NOT NULL,
  booking_id uuid NOT NULL,
  invoice_id uuid NOT NULL,
  PRIMARY KEY (organisation_id, booking_id),
  FOREIGN KEY (organisation_id, booking_id) REFERENCES bookings (organisation_id, id),
  FOREIGN KEY (organisation_id, invoice_id) REFERENCES invoices (organisation_id, id) ON DELETE CASCADE
);
CREATE INDEX invoiced_bookings_invoice_idx ON invoiced_bookings (organisation_id, invoice_id);

-- The next invoice number; the issuing transaction locks this row (FOR UPDATE).
CREATE TABLE invoice_counters (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  next_number integer NOT NULL DEFAULT 1 CHECK (next_number > 0),
  PRIMARY KEY (organisation_id)
);

-- Issued and paid invoices are immutable: only the status moves on (issued → paid or void) with its time.
CREATE FUNCTION invoices_immutable() RETURNS trigger
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
     OR (to_jsonb(NEW) - 'status' - 'paid_at' - 'voided_at') IS DISTINCT FROM
        (to_jsonb(OLD) - 'status' - 'paid_at' - 'voided_at')
     OR (OLD.paid_at IS NOT NULL AND NEW.paid_at IS DISTINCT FROM OLD.paid_at)
     OR (OLD.voided_at IS NOT NULL AND NEW.voided_at IS DISTINCT FROM OLD.voided_at) THEN
    RAISE EXCEPTION 'invoice % is % and cannot be changed', OLD.id, OLD.status USING ERRCODE = '55000';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER invoices_immutable BEFORE UPDATE OR DELETE ON invoices
  FOR EACH ROW EXECUTE FUNCTION invoices_immutable();

CREATE FUNCTION invoice_lines_immutable() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  parent_status text;
  row_data invoice_lines;
BEGIN
  IF TG_OP = 'DELETE' THEN row_data := OLD; ELSE row_data := NEW; END IF;
  SELECT status INTO parent_status FROM invoices
    WHERE organisation_id = row_data.organisation_id AND id = row_data.invoice_id;
  -- A parent being deleted (draft only, see above) is already gone when its lines cascade.
  IF parent_status IS NOT NULL AND parent_status <> 'draft' THEN
    RAISE EXCEPTION 'the lines of a % invoice cannot be changed', parent_status USING ERRCODE = '55000';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER invoice_lines_immutable BEFORE INSERT OR UPDATE OR DELETE ON invoice_lines
  FOR EACH ROW EXECUTE FUNCTION invoice_lines_immutable();

GRANT SELECT, INSERT, UPDATE, DELETE ON contract_types, client_contracts, carer_contracts, calendar_days,
  invoice_runs, invoices, invoice_lines, invoiced_bookings, invoice_counters TO carebook_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['contract_types', 'client_contracts', 'carer_contracts', 'calendar_days',
                           'invoice_runs', 'invoices', 'invoice_lines', 'invoiced_bookings',
                           'invoice_counters'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (organisation_id = current_organisation_id()) '
      'WITH CHECK (organisation_id = current_organisation_id())', t);
  END LOOP;
END
$$;
