-- Sessions and group appointments (issue 12). A session is a booking; this adds what a session has beyond its
-- participants: the services delivered at it (from a client contract or ad hoc, each with a delivery ratio),
-- session type tags, one client's cancellation details (who, when the provider was told, why: what the NDIS
-- short-notice rules will need), each worker's actual times, the completion (travel area, travel legs, transport)
-- and the delivered records billing and carer pay read. A recurring group keeps its roster on the series.
-- Every table here is written by bookings/ (scheduling/ writes series_participants), never elsewhere.

-- Services delivered at a session.
CREATE TABLE booking_services (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  booking_id uuid NOT NULL,
  source text NOT NULL CHECK (source IN ('contract', 'adhoc')),
  -- A contract service names the contract (and its client, so the foreign key holds the pair).
  client_id uuid,
  contract_id uuid,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  support_item text CHECK (support_item IS NULL OR length(btrim(support_item)) BETWEEN 1 AND 50),
  ratio integer NOT NULL DEFAULT 1 CHECK (ratio BETWEEN 1 AND 10),
  hourly_rate_minor integer CHECK (hourly_rate_minor IS NULL OR hourly_rate_minor >= 0),
  is_primary boolean NOT NULL DEFAULT false,
  position integer NOT NULL CHECK (position >= 0),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, booking_id) REFERENCES bookings (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, client_id, contract_id) REFERENCES client_contracts (organisation_id, client_id, id),
  CONSTRAINT booking_services_priced CHECK (
    (source = 'contract' AND contract_id IS NOT NULL AND client_id IS NOT NULL AND hourly_rate_minor IS NULL)
    OR (source = 'adhoc' AND contract_id IS NULL AND client_id IS NULL AND hourly_rate_minor IS NOT NULL))
);
CREATE INDEX booking_services_booking_idx ON booking_services (organisation_id, booking_id);
CREATE UNIQUE INDEX booking_services_one_primary ON booking_services (organisation_id, booking_id) WHERE is_primary;

-- Session type tags.
CREATE TABLE booking_service_types (
  organisation_id uuid NOT NULL,
  booking_id uuid NOT NULL,
  service_type_id uuid NOT NULL,
  PRIMARY KEY (organisation_id, booking_id, service_type_id),
  FOREIGN KEY (organisation_id, booking_id) REFERENCES bookings (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, service_type_id) REFERENCES service_types (organisation_id, id)
);
CREATE INDEX booking_service_types_type_idx ON booking_service_types (organisation_id, service_type_id);

-- One client's cancellation, and each worker's actual times.
ALTER TABLE booking_participants
  ADD COLUMN cancelled_by text CHECK (cancelled_by IN ('client', 'representative', 'provider')),
  ADD COLUMN cancelled_by_name text CHECK (cancelled_by_name IS NULL OR length(btrim(cancelled_by_name)) BETWEEN 1 AND 200),
  ADD COLUMN notified_at timestamptz,
  ADD COLUMN cancellation_code text CHECK (cancellation_code IN ('health', 'family', 'transport', 'other')),
  ADD COLUMN cancellation_note text CHECK (cancellation_note IS NULL OR length(btrim(cancellation_note)) BETWEEN 1 AND 500),
  ADD COLUMN cancellation_recorded_at timestamptz,
  ADD COLUMN actual_start timestamptz,
  ADD COLUMN actual_end timestamptz,
  -- A cancellation's details come together, on a cancelled client only.
  ADD CONSTRAINT booking_participants_cancellation CHECK (
    (cancelled_by IS NULL) = (notified_at IS NULL)
    AND (cancelled_by IS NULL) = (cancellation_code IS NULL)
    AND (cancelled_by IS NULL) = (cancellation_recorded_at IS NULL)
    AND (cancelled_by IS NULL OR (participant_type = 'client' AND status = 'cancelled'))
    AND (cancelled_by_name IS NULL OR cancelled_by IS NOT NULL)
    AND (cancellation_note IS NULL OR cancelled_by IS NOT NULL)),
  ADD CONSTRAINT booking_participants_actual_times CHECK (
    (actual_start IS NULL) = (actual_end IS NULL)
    AND (actual_end IS NULL OR actual_end >= actual_start)
    AND (actual_start IS NULL OR participant_type IN ('staff', 'provider')));

-- Participants list in the order they were added, even when a session adds several in one transaction.
ALTER TABLE booking_participants ALTER COLUMN created_at SET DEFAULT clock_timestamp();

-- A completed session's form: where it was (the travel caps) and when it was completed.
CREATE TABLE booking_completions (
  organisation_id uuid NOT NULL,
  booking_id uuid NOT NULL,
  travel_area text NOT NULL CHECK (travel_area IN ('metro', 'regional', 'remote')),
  completed_at timestamptz NOT NULL DEFAULT now(),
  completed_by_user_id uuid NOT NULL,
  PRIMARY KEY (organisation_id, booking_id),
  FOREIGN KEY (organisation_id, booking_id) REFERENCES bookings (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, completed_by_user_id) REFERENCES users (organisation_id, id)
);

-- A worker's travel legs (to, from, between) and activity-based transport (with the clients carried).
CREATE TABLE booking_travel (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  booking_id uuid NOT NULL,
  staff_participant_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('to', 'from', 'between', 'transport')),
  minutes integer NOT NULL CHECK (minutes BETWEEN 0 AND 1440),
  km numeric(8, 2) NOT NULL DEFAULT 0 CHECK (km >= 0),
  vehicle text NOT NULL CHECK (vehicle IN ('own', 'company', 'standard', 'modified')),
  tolls_minor integer NOT NULL DEFAULT 0 CHECK (tolls_minor >= 0),
  parking_minor integer NOT NULL DEFAULT 0 CHECK (parking_minor >= 0),
  client_participant_ids uuid[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, booking_id) REFERENCES bookings (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, staff_participant_id) REFERENCES booking_participants (organisation_id, id)
    ON DELETE CASCADE,
  CHECK ((kind = 'transport') = (vehicle IN ('standard', 'modified'))),
  CHECK ((kind = 'transport') = (cardinality(client_participant_ids) > 0))
);
CREATE INDEX booking_travel_booking_idx ON booking_travel (organisation_id, booking_id);

-- What a completed session delivered: one record per client per service, plus travel, transport, expense and
-- cancellation records, each priced and explained. Invoice runs bill these (once per client participant, as
-- `invoiced_bookings` keeps it); carer pay reads the workers' actual times.
CREATE TABLE delivered_services (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  booking_id uuid NOT NULL,
  participant_id uuid NOT NULL,
  client_id uuid NOT NULL,
  service_id uuid,
  staff_participant_id uuid,
  kind text NOT NULL CHECK (kind IN ('service', 'travel', 'transport', 'expense', 'cancellation')),
  description text NOT NULL CHECK (length(btrim(description)) BETWEEN 1 AND 300),
  quantity numeric(10, 2) NOT NULL CHECK (quantity >= 0),
  unit text NOT NULL CHECK (unit IN ('minutes', 'km', 'dollars')),
  rate_minor integer,
  portion_basis_points integer CHECK (portion_basis_points BETWEEN 0 AND 10000),
  amount_minor integer NOT NULL CHECK (amount_minor >= 0),
  explanation text NOT NULL,
  position integer NOT NULL,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, booking_id) REFERENCES bookings (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, participant_id) REFERENCES booking_participants (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, client_id) REFERENCES clients (organisation_id, id),
  FOREIGN KEY (organisation_id, service_id) REFERENCES booking_services (organisation_id, id) ON DELETE SET NULL (service_id),
  FOREIGN KEY (organisation_id, staff_participant_id) REFERENCES booking_participants (organisation_id, id)
    ON DELETE SET NULL (staff_participant_id)
);
CREATE INDEX delivered_services_booking_idx ON delivered_services (organisation_id, booking_id);
CREATE INDEX delivered_services_participant_idx ON delivered_services (organisation_id, participant_id);

-- The client's location band (Modified Monash Model 1-7): a session's travel area and caps follow from it.
ALTER TABLE clients ADD COLUMN mmm_band smallint CHECK (mmm_band IS NULL OR mmm_band BETWEEN 1 AND 7);

-- A recurring session: the series says it is a group (and its capacity), the session's services and tags, and
-- who takes part beyond the lead client and lead worker, each from a date (Ben joins from June).
ALTER TABLE scheduled_services
  ADD COLUMN category text NOT NULL DEFAULT 'visit' CHECK (category IN ('visit', 'group')),
  ADD COLUMN capacity integer CHECK (capacity IS NULL OR capacity BETWEEN 1 AND 1000),
  ADD COLUMN session_template jsonb,
  ADD CONSTRAINT scheduled_services_capacity_groups_only CHECK (capacity IS NULL OR category = 'group');

CREATE TABLE series_participants (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  series_id uuid NOT NULL,
  participant_type text NOT NULL CHECK (participant_type IN ('client', 'staff', 'resource')),
  client_id uuid,
  staff_id uuid,
  resource_id uuid,
  contract_id uuid,
  role text CHECK (role IS NULL OR length(btrim(role)) BETWEEN 1 AND 100),
  from_date date NOT NULL,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, series_id) REFERENCES scheduled_services (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, client_id) REFERENCES clients (organisation_id, id),
  FOREIGN KEY (organisation_id, staff_id) REFERENCES staff (organisation_id, id),
  FOREIGN KEY (organisation_id, resource_id) REFERENCES resources (organisation_id, id),
  FOREIGN KEY (organisation_id, client_id, contract_id) REFERENCES client_contracts (organisation_id, client_id, id),
  CHECK (num_nonnulls(client_id, staff_id, resource_id) = 1
    AND (participant_type = 'client') = (client_id IS NOT NULL)
    AND (participant_type = 'staff') = (staff_id IS NOT NULL)
    AND (participant_type = 'resource') = (resource_id IS NOT NULL)),
  CHECK (contract_id IS NULL OR client_id IS NOT NULL)
);
CREATE UNIQUE INDEX series_participants_once ON series_participants
  (organisation_id, series_id, participant_type, coalesce(client_id, staff_id, resource_id));

GRANT SELECT, INSERT, UPDATE, DELETE ON booking_services, booking_service_types, booking_completions,
  booking_travel, delivered_services, series_participants TO carebook_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['booking_services', 'booking_service_types', 'booking_completions', 'booking_travel',
                           'delivered_services', 'series_participants'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (organisation_id = current_organisation_id()) '
      'WITH CHECK (organisation_id = current_organisation_id())', t);
  END LOOP;
END
$$;
