-- Beds and accommodation (issue 14): sites → rooms → beds with their eligibility rules, stays (bed bookings:
-- client stays, block bookings and out-of-service blocks) with holds that expire, the services on a stay, and
-- each client's accommodation profile (gender, preferred site, amenities wanted).

CREATE TABLE accommodation_sites (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
  -- The site's IANA zone: stay dates are local dates here, and check-in/out times are wall clock here.
  time_zone text NOT NULL,
  -- A date-holidays region ("AU-NSW"), for the site's public holidays.
  region text CHECK (region ~ '^[A-Z]{2}(-[A-Z0-9]{1,3})?$'),
  check_in_time text NOT NULL DEFAULT '14:00' CHECK (check_in_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  check_out_time text NOT NULL DEFAULT '10:00' CHECK (check_out_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id)
);
CREATE UNIQUE INDEX accommodation_sites_name_key ON accommodation_sites (organisation_id, lower(name));

CREATE TABLE accommodation_rooms (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  site_id uuid NOT NULL,
  name text NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, site_id) REFERENCES accommodation_sites (organisation_id, id)
);
CREATE UNIQUE INDEX accommodation_rooms_name_key ON accommodation_rooms (organisation_id, site_id, lower(name));

CREATE TABLE beds (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  room_id uuid NOT NULL,
  name text NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
  bed_type text NOT NULL CHECK (bed_type IN ('respite', 'supported_accommodation')),
  -- Eligibility: ages on every night of the stay; empty arrays mean "anyone".
  min_age smallint CHECK (min_age BETWEEN 0 AND 130),
  max_age smallint CHECK (max_age BETWEEN 0 AND 130),
  CHECK (min_age IS NULL OR max_age IS NULL OR max_age >= min_age),
  genders text[] NOT NULL DEFAULT '{}'
    CHECK (genders <@ ARRAY['female', 'male', 'non_binary', 'other']::text[]),
  -- Contract categories whose clients may use the bed.
  funding_types text[] NOT NULL DEFAULT '{}'
    CHECK (funding_types <@ ARRAY['private', 'local_authority', 'ndis', 'other']::text[]),
  emergency boolean NOT NULL DEFAULT false,
  amenities text[] NOT NULL DEFAULT '{}' CHECK (cardinality(amenities) <= 30),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, room_id) REFERENCES accommodation_rooms (organisation_id, id)
);
CREATE UNIQUE INDEX beds_name_key ON beds (organisation_id, room_id, lower(name));

-- What a client needs of a bed beyond their date of birth and contract: written by accommodation/.
CREATE TABLE accommodation_profiles (
  organisation_id uuid NOT NULL,
  client_id uuid NOT NULL,
  gender text CHECK (gender IN ('female', 'male', 'non_binary', 'other')),
  preferred_site_id uuid,
  amenities text[] NOT NULL DEFAULT '{}' CHECK (cardinality(amenities) <= 30),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, client_id),
  FOREIGN KEY (organisation_id, client_id) REFERENCES clients (organisation_id, id),
  FOREIGN KEY (organisation_id, preferred_site_id) REFERENCES accommodation_sites (organisation_id, id)
);

-- A stay (bed booking) covers the nights [from_date, to_date): it arrives on from_date (check-in time) and
-- leaves on to_date (check-out time), both local dates in the site's zone.
CREATE TABLE stays (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  bed_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('client_stay', 'block_booking', 'out_of_service')),
  client_id uuid,
  contract_id uuid,
  state text NOT NULL CHECK (state IN ('enquiry', 'on_hold', 'booked', 'checked_in', 'checked_out', 'cancelled')),
  from_date date NOT NULL,
  to_date date NOT NULL CHECK (to_date > from_date),
  -- Nights the stay was booked for before an early check-out freed the rest.
  planned_to_date date,
  nights daterange GENERATED ALWAYS AS (daterange(from_date, to_date)) STORED,
  -- A hold: until when, and what happens then (release: cancel the stay; revert: back to the state before).
  hold_expires_at timestamptz,
  hold_outcome text CHECK (hold_outcome IN ('release', 'revert')),
  hold_reverts_to text CHECK (hold_reverts_to IN ('enquiry', 'booked')),
  CHECK ((state = 'on_hold') = (hold_expires_at IS NOT NULL AND hold_outcome IS NOT NULL)),
  -- Why a block or out-of-service period exists; why a stay was cancelled.
  reason text CHECK (length(reason) <= 500),
  cancel_reason text CHECK (length(cancel_reason) <= 500),
  CHECK ((state = 'cancelled') = (cancel_reason IS NOT NULL)),
  -- An ineligible bed booked anyway: why, and by whom.
  eligibility_override_reason text CHECK (length(eligibility_override_reason) BETWEEN 1 AND 500),
  eligibility_override_by uuid,
  checked_in_at timestamptz,
  checked_out_at timestamptz,
  notes text CHECK (length(notes) <= 5000),
  created_by_user_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  CHECK ((kind = 'client_stay') = (client_id IS NOT NULL)),
  CHECK (kind <> 'out_of_service' OR state IN ('booked', 'cancelled')),
  CHECK (kind <> 'out_of_service' OR reason IS NOT NULL),
  FOREIGN KEY (organisation_id, bed_id) REFERENCES beds (organisation_id, id),
  FOREIGN KEY (organisation_id, client_id) REFERENCES clients (organisation_id, id),
  FOREIGN KEY (organisation_id, client_id, contract_id) REFERENCES client_contracts (organisation_id, client_id, id),
  -- One bed, one stay a night: holds (until released), bookings, out-of-service blocks and the nights already
  -- slept all take the bed. An enquiry or a cancelled stay does not.
  CONSTRAINT stays_bed_no_overlap EXCLUDE USING gist (organisation_id WITH =, bed_id WITH =, nights WITH &&)
    WHERE (state IN ('on_hold', 'booked', 'checked_in', 'checked_out')),
  -- One client, one occupied bed a night; several holds are allowed while their needs are worked out.
  CONSTRAINT stays_client_one_bed EXCLUDE USING gist (organisation_id WITH =, client_id WITH =, nights WITH &&)
    WHERE (state IN ('booked', 'checked_in', 'checked_out') AND client_id IS NOT NULL)
);
CREATE INDEX stays_bed_idx ON stays (organisation_id, bed_id, from_date);
CREATE INDEX stays_client_idx ON stays (organisation_id, client_id, from_date);
CREATE INDEX stays_hold_expiry_idx ON stays (hold_expires_at) WHERE state = 'on_hold';

-- Services on a stay: a nightly or daily (24-hour) rate, with its support item, billed per night or day.
CREATE TABLE stay_services (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  stay_id uuid NOT NULL,
  name text NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
  unit text NOT NULL CHECK (unit IN ('night', 'day')),
  support_item text CHECK (support_item ~ '^[0-9]{2}_[0-9]{3}_[0-9]{4}_[0-9]_[0-9](_[A-Z]{1,3})?$'),
  -- Price per unit in minor units; null: the contract's accommodation rate on each night's date.
  rate_minor integer CHECK (rate_minor BETWEEN 0 AND 100000000),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, stay_id) REFERENCES stays (organisation_id, id) ON DELETE CASCADE
);
CREATE INDEX stay_services_stay_idx ON stay_services (organisation_id, stay_id);

-- Short-term accommodation limits per funding type, warned about (not refused) when a stay or a client's year
-- goes over them. No row: 14 nights at a time and 28 a year for NDIS, no limit otherwise.
CREATE TABLE accommodation_limits (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  funding_type text NOT NULL CHECK (funding_type IN ('private', 'local_authority', 'ndis', 'other')),
  max_nights_per_stay integer CHECK (max_nights_per_stay BETWEEN 1 AND 366),
  max_nights_per_year integer CHECK (max_nights_per_year BETWEEN 1 AND 366),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, funding_type)
);

-- A hold's expiry is carried out on time: the row queues graphile-worker's job to run at its expiry (keyed by
-- the stay, so a changed expiry replaces the job). The job, and every booking action before it writes, turn
-- expired holds into their outcome, so a hold past its expiry never keeps a bed from anyone.
CREATE FUNCTION stays_hold_wake() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
BEGIN
  IF to_regnamespace('graphile_worker') IS NOT NULL THEN
    PERFORM graphile_worker.add_job('accommodation:expire-holds', run_at := NEW.hold_expires_at,
      job_key := 'hold:' || NEW.id::text, job_key_mode := 'replace', max_attempts := 5);
  END IF;
  RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION stays_hold_wake() FROM PUBLIC;
CREATE TRIGGER stays_hold_wake AFTER INSERT OR UPDATE OF state, hold_expires_at ON stays
  FOR EACH ROW WHEN (NEW.state = 'on_hold') EXECUTE FUNCTION stays_hold_wake();

GRANT SELECT, INSERT, UPDATE, DELETE ON accommodation_sites, accommodation_rooms, beds, accommodation_profiles,
  stays, stay_services, accommodation_limits TO carebook_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['accommodation_sites', 'accommodation_rooms', 'beds', 'accommodation_profiles',
                           'stays', 'stay_services', 'accommodation_limits'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (organisation_id = current_organisation_id()) '
      'WITH CHECK (organisation_id = current_organisation_id())', t);
  END LOOP;
END
$$;
