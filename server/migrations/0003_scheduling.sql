-- Scheduling: service types, recurring scheduled services (series) that generate bookings, client leave,
-- in-app notices, and calendar feed tokens.

ALTER TABLE organisations ADD COLUMN scheduling_horizon_weeks integer NOT NULL DEFAULT 12
  CHECK (scheduling_horizon_weeks BETWEEN 1 AND 104);

CREATE TABLE service_types (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(trim(name)) > 0),
  colour text NOT NULL DEFAULT '#0b7a75' CHECK (colour ~ '^#[0-9a-fA-F]{6}$'),
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (organisation_id, id)
);
CREATE UNIQUE INDEX service_types_name_key ON service_types (organisation_id, lower(name));

-- A series: a wall-clock rule in the client's zone. Its bookings are generated over a rolling horizon.
CREATE TABLE scheduled_services (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL,
  service_type_id uuid NOT NULL,
  name text NOT NULL CHECK (length(trim(name)) > 0),
  time_zone text NOT NULL,
  start_date date NOT NULL,
  start_time text NOT NULL CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  -- The RRULE value (FREQ=WEEKLY;BYDAY=MO,TH…); DTSTART is start_date + start_time in time_zone.
  rrule text NOT NULL,
  end_date date CHECK (end_date IS NULL OR end_date >= start_date),
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
  staff_id uuid,
  notes text,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'ended')),
  -- Set on the later half when a series is split ("this and following").
  split_from_id uuid,
  -- Bookings exist up to here (exclusive); the generator extends it.
  generated_until timestamptz,
  created_by_user_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, client_id) REFERENCES clients (organisation_id, id),
  FOREIGN KEY (organisation_id, service_type_id) REFERENCES service_types (organisation_id, id),
  FOREIGN KEY (organisation_id, staff_id) REFERENCES staff (organisation_id, id),
  FOREIGN KEY (organisation_id, split_from_id) REFERENCES scheduled_services (organisation_id, id),
  FOREIGN KEY (organisation_id, created_by_user_id) REFERENCES users (organisation_id, id)
);
CREATE INDEX scheduled_services_client_idx ON scheduled_services (organisation_id, client_id);
CREATE INDEX scheduled_services_active_idx ON scheduled_services (organisation_id, status);

CREATE TABLE client_leave (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL,
  type text NOT NULL CHECK (type IN ('hospital', 'respite', 'social_leave', 'holiday', 'transition_care', 'other')),
  -- Local dates in the client's zone, both inclusive; an open end means until further notice.
  starts_on date NOT NULL,
  ends_on date CHECK (ends_on IS NULL OR ends_on >= starts_on),
  note text,
  created_by_user_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, client_id) REFERENCES clients (organisation_id, id),
  FOREIGN KEY (organisation_id, created_by_user_id) REFERENCES users (organisation_id, id)
);
CREATE INDEX client_leave_client_idx ON client_leave (organisation_id, client_id, starts_on);

ALTER TABLE bookings DROP CONSTRAINT bookings_kind_check;
ALTER TABLE bookings ADD CONSTRAINT bookings_kind_check CHECK (kind IN ('adhoc', 'scheduled'));
ALTER TABLE bookings
  ADD COLUMN series_id uuid,
  ADD COLUMN original_start timestamptz,
  -- An occurrence edited on its own ("this occurrence"): series edits keep it and report it.
  ADD COLUMN is_exception boolean NOT NULL DEFAULT false,
  ADD COLUMN service_type_id uuid,
  ADD COLUMN suspended_by_leave_id uuid,
  -- iCalendar SEQUENCE: grows on every change (trigger below).
  ADD COLUMN sequence integer NOT NULL DEFAULT 0,
  ADD FOREIGN KEY (organisation_id, series_id) REFERENCES scheduled_services (organisation_id, id),
  ADD FOREIGN KEY (organisation_id, service_type_id) REFERENCES service_types (organisation_id, id),
  ADD FOREIGN KEY (organisation_id, suspended_by_leave_id) REFERENCES client_leave (organisation_id, id) ON DELETE SET NULL (suspended_by_leave_id),
  ADD CONSTRAINT bookings_series_shape CHECK ((kind = 'scheduled') = (series_id IS NOT NULL AND original_start IS NOT NULL));
-- One booking per occurrence of a series: generation is idempotent however often or concurrently it runs.
CREATE UNIQUE INDEX bookings_series_occurrence_key ON bookings (organisation_id, series_id, original_start)
  WHERE series_id IS NOT NULL;

CREATE FUNCTION bookings_bump_sequence() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN NEW.sequence := OLD.sequence + 1; RETURN NEW; END $$;
CREATE TRIGGER bookings_sequence BEFORE UPDATE ON bookings
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION bookings_bump_sequence();

CREATE TABLE notices (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  staff_id uuid NOT NULL,
  message text NOT NULL,
  booking_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, staff_id) REFERENCES staff (organisation_id, id),
  FOREIGN KEY (organisation_id, booking_id) REFERENCES bookings (organisation_id, id) ON DELETE SET NULL (booking_id)
);
CREATE INDEX notices_staff_idx ON notices (organisation_id, staff_id, created_at DESC);

-- Secret, revocable calendar subscription URLs: "<organisation id>.<secret>", only the hash is stored.
CREATE TABLE calendar_feeds (
  organisation_id uuid NOT NULL,
  token_hash bytea NOT NULL,
  subject_type text NOT NULL CHECK (subject_type IN ('staff', 'client')),
  subject_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  PRIMARY KEY (organisation_id, token_hash)
);
CREATE UNIQUE INDEX calendar_feeds_one_live ON calendar_feeds (organisation_id, subject_type, subject_id) WHERE revoked_at IS NULL;

UPDATE roles SET permissions = array(SELECT DISTINCT unnest(permissions || ARRAY['scheduling.configure']))
  WHERE key IN ('coordinator', 'administrator');

GRANT SELECT, INSERT, UPDATE, DELETE ON service_types, scheduled_services, client_leave, notices, calendar_feeds
  TO carebook_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['service_types', 'scheduled_services', 'client_leave', 'notices', 'calendar_feeds'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (organisation_id = current_organisation_id()) '
      'WITH CHECK (organisation_id = current_organisation_id())', t);
  END LOOP;
END
$$;
