-- NDIS support catalogue and bulk payment claims (issue 15 §1, §4, §5). Written by ndis/ only.
-- Prices, windows and item numbers are dated catalogue data imported from the NDIA's Support Catalogue, never
-- constants: an item number's meaning is looked up here, never parsed from its digits or suffix.

-- One support item as the catalogue states it for a span of dates. A re-priced item is a new row from the new
-- start date; the exclusion constraint keeps one version of a number on any day.
CREATE TABLE ndis_support_items (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- AA_BBB_CCCC_D_E, optionally suffixed (_CA, _NF, _PT, _RR, _TH from 1 July 2026; legacy _T).
  number text NOT NULL CHECK (number ~ '^[0-9]{2}_[0-9]{3}_[0-9]{4}_[0-9]_[0-9](_[A-Z]{1,3})?$'),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 500),
  unit text NOT NULL CHECK (unit IN ('H', 'E', 'D', 'WK', 'MON', 'YR')),
  registration_group_number text CHECK (registration_group_number IS NULL OR registration_group_number ~ '^[0-9]{4}$'),
  registration_group_name text CHECK (registration_group_name IS NULL OR length(registration_group_name) <= 300),
  support_category_number text CHECK (support_category_number IS NULL OR length(support_category_number) <= 10),
  support_category_name text CHECK (support_category_name IS NULL OR length(support_category_name) <= 300),
  quote boolean NOT NULL DEFAULT false,
  starts_on date NOT NULL,
  ends_on date CHECK (ends_on IS NULL OR ends_on >= starts_on),
  -- Claim flags, as the catalogue's columns name them.
  non_face_to_face boolean NOT NULL DEFAULT false,
  provider_travel boolean NOT NULL DEFAULT false,
  short_notice_cancellation boolean NOT NULL DEFAULT false,
  ndia_requested_reports boolean NOT NULL DEFAULT false,
  irregular_sil boolean NOT NULL DEFAULT false,
  -- A therapy support: its provider travel is priced at 50% of its limit from 1 July 2025. Set on import from
  -- the registration group (0128 Therapeutic Supports, 0118 Early Childhood), editable.
  therapy boolean NOT NULL DEFAULT false,
  item_type text CHECK (item_type IS NULL OR length(item_type) <= 100),
  source text CHECK (source IS NULL OR length(source) <= 300),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  CONSTRAINT ndis_support_items_one_version EXCLUDE USING gist (
    organisation_id WITH =, number WITH =,
    daterange(starts_on, ends_on, '[]') WITH &&)
);
CREATE INDEX ndis_support_items_number_idx ON ndis_support_items (organisation_id, number, starts_on);

-- Price limits of an item version, per jurisdiction (state or territory columns, or NATIONAL for the 2026-27
-- schedule's single column) and for remote (MMM6) and very remote (MMM7) areas. No row: no limit (quoted).
CREATE TABLE ndis_support_item_prices (
  organisation_id uuid NOT NULL,
  support_item_id uuid NOT NULL,
  zone text NOT NULL CHECK (zone IN ('NATIONAL', 'ACT', 'NSW', 'NT', 'QLD', 'SA', 'TAS', 'VIC', 'WA', 'REMOTE',
                                     'VERY_REMOTE')),
  price_minor integer NOT NULL CHECK (price_minor BETWEEN 0 AND 1000000000),
  PRIMARY KEY (organisation_id, support_item_id, zone),
  FOREIGN KEY (organisation_id, support_item_id) REFERENCES ndis_support_items (organisation_id, id) ON DELETE CASCADE
);

-- Time-of-day items: a family (e.g. "Self-care, standard") names one item per band; a service naming any member
-- is claimed under the member for its visit's band.
CREATE TABLE ndis_time_band_items (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  family text NOT NULL CHECK (length(btrim(family)) BETWEEN 1 AND 200),
  band text NOT NULL CHECK (band IN ('weekday_daytime', 'weekday_evening', 'weekday_night', 'saturday', 'sunday',
                                     'public_holiday')),
  item_number text NOT NULL CHECK (item_number ~ '^[0-9]{2}_[0-9]{3}_[0-9]{4}_[0-9]_[0-9](_[A-Z]{1,3})?$'),
  PRIMARY KEY (organisation_id, family, band)
);
CREATE UNIQUE INDEX ndis_time_band_items_item ON ndis_time_band_items (organisation_id, item_number);

-- The provider's claiming settings.
CREATE TABLE ndis_claim_settings (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  registration_number text CHECK (registration_number IS NULL OR registration_number ~ '^[0-9]{1,20}$'),
  abn text CHECK (abn IS NULL OR abn ~ '^[0-9]{11}$'),
  -- A rate above the price limit: refuse the claim line, or claim at the limit with a warning.
  price_limit_mode text NOT NULL DEFAULT 'refuse' CHECK (price_limit_mode IN ('warn', 'refuse')),
  gst_code text NOT NULL DEFAULT 'P2' CHECK (gst_code IN ('P1', 'P2', 'P5')),
  -- From this date cancellations, provider travel… are claimed under the suffixed items (_CA, _PT…).
  suffixed_items_from date NOT NULL DEFAULT '2026-07-01',
  -- The $1-unit items for provider travel non-labour costs and activity-based transport.
  non_labour_travel_item text CHECK (non_labour_travel_item ~ '^[0-9]{2}_[0-9]{3}_[0-9]{4}_[0-9]_[0-9](_[A-Z]{1,3})?$'),
  transport_item text CHECK (transport_item ~ '^[0-9]{2}_[0-9]{3}_[0-9]{4}_[0-9]_[0-9](_[A-Z]{1,3})?$'),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id)
);

-- A bulk payment request file as exported (the portal's limits: name ≤ 20 characters with ".csv", ≤ 5,000 rows).
CREATE TABLE ndis_claim_files (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (name ~ '^[A-Za-z0-9_-]{1,16}\.csv$'),
  row_count integer NOT NULL CHECK (row_count BETWEEN 1 AND 5000),
  -- The provider's registration number as exported (the file is rebuilt from its locked lines and this).
  registration_number text NOT NULL CHECK (registration_number ~ '^[0-9]{1,20}$'),
  period_from date NOT NULL,
  period_to date NOT NULL CHECK (period_to >= period_from),
  created_by_user_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  results_imported_at timestamptz,
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, name),
  FOREIGN KEY (organisation_id, created_by_user_id) REFERENCES users (organisation_id, id)
);

-- One claim line: a delivered record as claimed, frozen once exported (only its result may change after).
CREATE TABLE ndis_claim_lines (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  file_id uuid NOT NULL,
  delivered_service_id uuid,
  client_id uuid NOT NULL,
  position integer NOT NULL CHECK (position >= 1),
  ndis_number text NOT NULL CHECK (ndis_number ~ '^[0-9]{9}$'),
  delivered_from date NOT NULL,
  delivered_to date NOT NULL CHECK (delivered_to >= delivered_from),
  support_number text NOT NULL CHECK (support_number ~ '^[0-9]{2}_[0-9]{3}_[0-9]{4}_[0-9]_[0-9](_[A-Z]{1,3})?$'),
  claim_reference text NOT NULL CHECK (claim_reference ~ '^[A-Za-z0-9/_-]{1,50}$'),
  -- Hourly items: hours (hundredths); other units: quantity (hundredths). Exactly one.
  quantity_hundredths integer CHECK (quantity_hundredths BETWEEN 1 AND 9999999),
  hours_minutes integer CHECK (hours_minutes BETWEEN 1 AND 5999940),
  unit_price_minor integer NOT NULL CHECK (unit_price_minor BETWEEN 0 AND 999999999),
  amount_minor integer NOT NULL CHECK (amount_minor >= 0),
  gst_code text NOT NULL CHECK (gst_code IN ('P1', 'P2', 'P5')),
  claim_type text CHECK (claim_type IN ('CANC', 'REPW', 'TRAN', 'NF2F')),
  cancellation_reason text CHECK (cancellation_reason IN ('NSDH', 'NSDF', 'NSDT', 'NSDO')),
  abn text NOT NULL CHECK (abn ~ '^[0-9]{11}$'),
  explanation text NOT NULL,
  warning text,
  status text NOT NULL DEFAULT 'exported' CHECK (status IN ('exported', 'paid', 'rejected')),
  paid_amount_minor integer CHECK (paid_amount_minor >= 0),
  capped_price_minor integer,
  payment_request_number text CHECK (length(payment_request_number) <= 50),
  error_message text CHECK (length(error_message) <= 2000),
  result_at timestamptz,
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, claim_reference),
  UNIQUE (organisation_id, file_id, position),
  CHECK ((quantity_hundredths IS NULL) <> (hours_minutes IS NULL)),
  CHECK ((claim_type = 'CANC') = (cancellation_reason IS NOT NULL)),
  CHECK ((status = 'paid') = (paid_amount_minor IS NOT NULL)),
  CHECK (status <> 'rejected' OR error_message IS NOT NULL),
  FOREIGN KEY (organisation_id, file_id) REFERENCES ndis_claim_files (organisation_id, id),
  FOREIGN KEY (organisation_id, client_id) REFERENCES clients (organisation_id, id),
  FOREIGN KEY (organisation_id, delivered_service_id) REFERENCES delivered_services (organisation_id, id)
    ON DELETE SET NULL (delivered_service_id)
);
-- A delivered record is claimed once (a rejected line frees it to be claimed again).
CREATE UNIQUE INDEX ndis_claim_lines_once ON ndis_claim_lines (organisation_id, delivered_service_id)
  WHERE delivered_service_id IS NOT NULL AND status <> 'rejected';
CREATE INDEX ndis_claim_lines_status_idx ON ndis_claim_lines (organisation_id, status, file_id);

-- Exported lines are locked: what was claimed never changes; only the portal's result is recorded.
CREATE FUNCTION ndis_claim_lines_locked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'exported claim lines cannot be deleted' USING ERRCODE = 'restrict_violation';
  END IF;
  IF (NEW.organisation_id, NEW.file_id, NEW.client_id, NEW.position, NEW.ndis_number, NEW.delivered_from,
      NEW.delivered_to, NEW.support_number, NEW.claim_reference, NEW.quantity_hundredths, NEW.hours_minutes,
      NEW.unit_price_minor, NEW.amount_minor, NEW.gst_code, NEW.claim_type, NEW.cancellation_reason, NEW.abn,
      NEW.explanation, NEW.warning)
     IS DISTINCT FROM
     (OLD.organisation_id, OLD.file_id, OLD.client_id, OLD.position, OLD.ndis_number, OLD.delivered_from,
      OLD.delivered_to, OLD.support_number, OLD.claim_reference, OLD.quantity_hundredths, OLD.hours_minutes,
      OLD.unit_price_minor, OLD.amount_minor, OLD.gst_code, OLD.claim_type, OLD.cancellation_reason, OLD.abn,
      OLD.explanation, OLD.warning) THEN
    RAISE EXCEPTION 'exported claim lines are locked' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER ndis_claim_lines_locked BEFORE UPDATE OR DELETE ON ndis_claim_lines
  FOR EACH ROW EXECUTE FUNCTION ndis_claim_lines_locked();

GRANT SELECT, INSERT, UPDATE, DELETE ON ndis_support_items, ndis_support_item_prices, ndis_time_band_items,
  ndis_claim_settings TO carebook_app;
GRANT SELECT, INSERT, UPDATE ON ndis_claim_files, ndis_claim_lines TO carebook_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['ndis_support_items', 'ndis_support_item_prices', 'ndis_time_band_items',
                           'ndis_claim_settings', 'ndis_claim_files', 'ndis_claim_lines'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (organisation_id = current_organisation_id()) '
      'WITH CHECK (organisation_id = current_organisation_id())', t);
  END LOOP;
END
$$;
