-- Bookings with participants. A booking keeps the time and the "what"; who takes part moves to
-- `booking_participants` (one row per client, staff member, external provider or resource, each with its own
-- status), and what is billed moves to `client_deliveries` (one row per client participant). The exclusion
-- constraints move with the people: one staff member in one place at a time, one resource used once at a time,
-- counted only for booked or attended participants. Today's data is backfilled (one client row and one staff or
-- provider row per booking) and the old columns are dropped.

-- Resources a booking can hold: a house with rooms and beds, a vehicle, equipment.
CREATE TABLE resources (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('site', 'room', 'bed', 'vehicle', 'equipment')),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  parent_id uuid,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, parent_id) REFERENCES resources (organisation_id, id),
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX resources_parent_idx ON resources (organisation_id, parent_id);

-- What kind of appointment a booking is, and how many clients a group takes.
ALTER TABLE bookings
  ADD COLUMN category text NOT NULL DEFAULT 'visit' CHECK (category IN ('visit', 'group', 'stay')),
  ADD COLUMN capacity integer CHECK (capacity IS NULL OR capacity BETWEEN 1 AND 1000),
  ADD CONSTRAINT bookings_capacity_groups_only CHECK (capacity IS NULL OR category = 'group');

CREATE TABLE booking_participants (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  booking_id uuid NOT NULL,
  participant_type text NOT NULL CHECK (participant_type IN ('client', 'staff', 'provider', 'resource')),
  client_id uuid,
  staff_id uuid,
  provider_id uuid,
  resource_id uuid,
  -- Free text within the booking ("lead worker", "support", "transport"); the type says what the row is.
  role text CHECK (role IS NULL OR length(btrim(role)) BETWEEN 1 AND 100),
  -- The lead client (a visit's client) and the lead staff member or provider (today's "assignee").
  is_lead boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'booked'
    CHECK (status IN ('booked', 'attended', 'absent', 'cancelled', 'suspended')),
  suspended_by_leave_id uuid,
  -- Rebooking keeps who it was: the participant this one took over from.
  replaces_participant_id uuid,
  -- A copy of the booking's period, kept equal by the triggers below: the exclusion constraints need it here.
  period tstzrange NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, booking_id) REFERENCES bookings (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, client_id) REFERENCES clients (organisation_id, id),
  FOREIGN KEY (organisation_id, staff_id) REFERENCES staff (organisation_id, id),
  FOREIGN KEY (organisation_id, provider_id) REFERENCES external_providers (organisation_id, id),
  FOREIGN KEY (organisation_id, resource_id) REFERENCES resources (organisation_id, id),
  FOREIGN KEY (organisation_id, suspended_by_leave_id) REFERENCES client_leave (organisation_id, id)
    ON DELETE SET NULL (suspended_by_leave_id),
  FOREIGN KEY (organisation_id, replaces_participant_id) REFERENCES booking_participants (organisation_id, id)
    ON DELETE SET NULL (replaces_participant_id),
  CONSTRAINT booking_participants_one_subject CHECK (
    num_nonnulls(client_id, staff_id, provider_id, resource_id) = 1
    AND (participant_type = 'client') = (client_id IS NOT NULL)
    AND (participant_type = 'staff') = (staff_id IS NOT NULL)
    AND (participant_type = 'provider') = (provider_id IS NOT NULL)
    AND (participant_type = 'resource') = (resource_id IS NOT NULL)),
  -- Only a client is suspended, and only by leave.
  CONSTRAINT booking_participants_suspension CHECK (
    (status = 'suspended') = (suspended_by_leave_id IS NOT NULL) AND (status <> 'suspended' OR client_id IS NOT NULL)),
  CONSTRAINT booking_participants_lead_kind CHECK (NOT is_lead OR participant_type <> 'resource'),
  -- One staff member, one place at a time: concurrent writers race here, not in application code.
  CONSTRAINT booking_participants_staff_no_overlap EXCLUDE USING gist (
    organisation_id WITH =,
    staff_id WITH =,
    period WITH &&
  ) WHERE (staff_id IS NOT NULL AND status IN ('booked', 'attended')),
  -- One resource (a bed, a vehicle) used once at a time.
  CONSTRAINT booking_participants_resource_no_overlap EXCLUDE USING gist (
    organisation_id WITH =,
    resource_id WITH =,
    period WITH &&
  ) WHERE (resource_id IS NOT NULL AND status IN ('booked', 'attended'))
);
CREATE INDEX booking_participants_booking_idx ON booking_participants (organisation_id, booking_id);
CREATE INDEX booking_participants_client_idx ON booking_participants USING gist (organisation_id, client_id, period)
  WHERE client_id IS NOT NULL;
CREATE INDEX booking_participants_provider_idx ON booking_participants (organisation_id, provider_id)
  WHERE provider_id IS NOT NULL;
CREATE INDEX booking_participants_leave_idx ON booking_participants (organisation_id, suspended_by_leave_id)
  WHERE suspended_by_leave_id IS NOT NULL;
-- One lead client, and one lead staff member or provider, per booking.
CREATE UNIQUE INDEX booking_participants_lead_client ON booking_participants (organisation_id, booking_id)
  WHERE is_lead AND participant_type = 'client';
CREATE UNIQUE INDEX booking_participants_lead_assignee ON booking_participants (organisation_id, booking_id)
  WHERE is_lead AND participant_type IN ('staff', 'provider');
-- Nobody takes part twice in one booking (a cancelled row may stay beside its replacement).
CREATE UNIQUE INDEX booking_participants_once ON booking_participants
  (organisation_id, booking_id, participant_type, coalesce(client_id, staff_id, provider_id, resource_id))
  WHERE status <> 'cancelled';

-- What is billed: one row per client participant (a group is invoiced once per client).
CREATE TABLE client_deliveries (
  organisation_id uuid NOT NULL,
  participant_id uuid NOT NULL,
  booking_id uuid NOT NULL,
  client_id uuid NOT NULL,
  contract_id uuid,
  actual_start timestamptz,
  actual_end timestamptz,
  mileage numeric(8, 2) CHECK (mileage IS NULL OR mileage >= 0),
  -- Soft conflicts the user chose to override for this client, and why.
  override_reason text,
  overridden_warnings text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (organisation_id, participant_id),
  FOREIGN KEY (organisation_id, participant_id) REFERENCES booking_participants (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, booking_id) REFERENCES bookings (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, client_id, contract_id) REFERENCES client_contracts (organisation_id, client_id, id),
  CHECK ((actual_start IS NULL) = (actual_end IS NULL) AND (actual_end IS NULL OR actual_end >= actual_start)),
  CONSTRAINT client_deliveries_override_reason_present
    CHECK ((override_reason IS NULL) = (cardinality(overridden_warnings) = 0)),
  CONSTRAINT client_deliveries_override_reason_length
    CHECK (override_reason IS NULL OR length(btrim(override_reason)) BETWEEN 1 AND 500)
);
CREATE UNIQUE INDEX client_deliveries_booking_client ON client_deliveries (organisation_id, booking_id, client_id);

-- The period copy: set from the booking on every participant write, and followed when the booking moves.
CREATE FUNCTION booking_participants_period() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  SELECT tstzrange(b.starts_at, b.ends_at) INTO NEW.period
    FROM bookings b WHERE b.organisation_id = NEW.organisation_id AND b.id = NEW.booking_id;
  RETURN NEW;
END
$$;
CREATE TRIGGER booking_participants_period BEFORE INSERT OR UPDATE ON booking_participants
  FOR EACH ROW EXECUTE FUNCTION booking_participants_period();

CREATE FUNCTION bookings_follow_period() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  UPDATE booking_participants SET period = tstzrange(NEW.starts_at, NEW.ends_at)
    WHERE organisation_id = NEW.organisation_id AND booking_id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER bookings_follow_period AFTER UPDATE OF starts_at, ends_at ON bookings
  FOR EACH ROW WHEN (OLD.starts_at IS DISTINCT FROM NEW.starts_at OR OLD.ends_at IS DISTINCT FROM NEW.ends_at)
  EXECUTE FUNCTION bookings_follow_period();

-- A group never holds more booked clients than its capacity. The writer checks under the booking's row lock
-- and answers 409; this is the backstop. It takes the same lock, then counts with a fresh snapshot, so two
-- concurrent adders cannot both pass.
CREATE FUNCTION booking_participants_capacity() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  cap integer;
  taken integer;
BEGIN
  IF NEW.client_id IS NULL OR NEW.status NOT IN ('booked', 'attended') THEN
    RETURN NULL;
  END IF;
  SELECT capacity INTO cap FROM bookings WHERE organisation_id = NEW.organisation_id AND id = NEW.booking_id;
  IF cap IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM 1 FROM bookings WHERE organisation_id = NEW.organisation_id AND id = NEW.booking_id FOR UPDATE;
  SELECT count(*) INTO taken FROM booking_participants
    WHERE organisation_id = NEW.organisation_id AND booking_id = NEW.booking_id
      AND client_id IS NOT NULL AND status IN ('booked', 'attended');
  IF taken > cap THEN
    RAISE EXCEPTION 'booking % is full (% of % places)', NEW.booking_id, taken, cap
      USING ERRCODE = '23514', CONSTRAINT = 'booking_participants_capacity';
  END IF;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER booking_participants_capacity AFTER INSERT OR UPDATE OF status, client_id
  ON booking_participants FOR EACH ROW EXECUTE FUNCTION booking_participants_capacity();

-- ---- backfill: one client row and one staff or provider row per booking

INSERT INTO booking_participants (organisation_id, booking_id, participant_type, client_id, is_lead, status,
                                  suspended_by_leave_id, period, created_at)
SELECT organisation_id, id, 'client', client_id, true,
       CASE status
         WHEN 'booked' THEN 'booked'
         WHEN 'completed' THEN 'attended'
         ELSE CASE WHEN suspended_by_leave_id IS NOT NULL THEN 'suspended' ELSE 'cancelled' END
       END,
       CASE WHEN status = 'cancelled' THEN suspended_by_leave_id END,
       tstzrange(starts_at, ends_at), created_at
  FROM bookings;

INSERT INTO booking_participants (organisation_id, booking_id, participant_type, staff_id, provider_id, is_lead,
                                  status, period, created_at)
SELECT organisation_id, id, CASE WHEN staff_id IS NOT NULL THEN 'staff' ELSE 'provider' END,
       staff_id, external_provider_id, true,
       CASE status WHEN 'booked' THEN 'booked' WHEN 'completed' THEN 'attended' ELSE 'cancelled' END,
       tstzrange(starts_at, ends_at), created_at
  FROM bookings
 WHERE staff_id IS NOT NULL OR external_provider_id IS NOT NULL;

INSERT INTO client_deliveries (organisation_id, participant_id, booking_id, client_id, contract_id, actual_start,
                               actual_end, mileage, override_reason, overridden_warnings)
SELECT b.organisation_id, p.id, b.id, b.client_id, b.contract_id, b.actual_start, b.actual_end, b.mileage,
       b.override_reason, b.overridden_warnings
  FROM bookings b
  JOIN booking_participants p ON p.organisation_id = b.organisation_id AND p.booking_id = b.id
                             AND p.participant_type = 'client';

-- A booking is invoiced once per client participant: a group session is invoiced once per client, never twice.
ALTER TABLE invoiced_bookings ADD COLUMN participant_id uuid;
UPDATE invoiced_bookings ib SET participant_id = p.id
  FROM booking_participants p
 WHERE p.organisation_id = ib.organisation_id AND p.booking_id = ib.booking_id AND p.participant_type = 'client';
ALTER TABLE invoiced_bookings
  ALTER COLUMN participant_id SET NOT NULL,
  DROP CONSTRAINT invoiced_bookings_pkey,
  ADD PRIMARY KEY (organisation_id, participant_id),
  ADD FOREIGN KEY (organisation_id, participant_id) REFERENCES booking_participants (organisation_id, id);
CREATE INDEX invoiced_bookings_booking_idx ON invoiced_bookings (organisation_id, booking_id);

-- ---- the old columns go

ALTER TABLE bookings
  DROP CONSTRAINT bookings_staff_no_overlap,
  DROP COLUMN client_id,
  DROP COLUMN staff_id,
  DROP COLUMN external_provider_id,
  DROP COLUMN suspended_by_leave_id,
  DROP COLUMN contract_id,
  DROP COLUMN actual_start,
  DROP COLUMN actual_end,
  DROP COLUMN mileage,
  DROP COLUMN override_reason,
  DROP COLUMN overridden_warnings;

GRANT SELECT, INSERT, UPDATE, DELETE ON resources, booking_participants, client_deliveries TO carebook_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['resources', 'booking_participants', 'client_deliveries'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (organisation_id = current_organisation_id()) '
      'WITH CHECK (organisation_id = current_organisation_id())', t);
  END LOOP;
END
$$;
