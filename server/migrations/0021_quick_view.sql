-- Quick View (issue 13 §1): the associate's record of an appointment — when it was commenced, the session
-- notes (typed, or a PDF or Word file kept here as bytes) and the outcome, the sign-off that freezes it, and the
-- addenda that correct it afterwards — plus the organisation's "flag an appointment not completed after N days".

CREATE TABLE appointment_records (
  organisation_id uuid NOT NULL,
  booking_id uuid NOT NULL,
  -- How the session is held; null: not said (shown as in person).
  modality text CHECK (modality IN ('in_person', 'phone', 'video')),
  commenced_at timestamptz,
  commenced_by_user_id uuid,
  completed_at timestamptz,
  notes text CHECK (length(notes) BETWEEN 1 AND 20000),
  notes_file_name text CHECK (length(notes_file_name) BETWEEN 1 AND 255),
  notes_file_type text CHECK (notes_file_type IN ('application/pdf', 'application/msword',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document')),
  notes_file bytea CHECK (octet_length(notes_file) BETWEEN 1 AND 5242880),
  outcome text CHECK (outcome IN ('continuing', 'concluded', 'referred')),
  signed_off_at timestamptz,
  signed_off_by_user_id uuid,
  -- Ended without a session: a no-show, or a cancellation with or without charge (the booking is cancelled).
  closed_as text CHECK (closed_as IN ('no_show', 'cancelled_charged', 'cancelled_free')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, booking_id),
  FOREIGN KEY (organisation_id, booking_id) REFERENCES bookings (organisation_id, id) ON DELETE CASCADE,
  CHECK ((notes_file IS NULL) = (notes_file_type IS NULL) AND (notes_file IS NULL) = (notes_file_name IS NULL)),
  CHECK (completed_at IS NULL OR (commenced_at IS NOT NULL AND outcome IS NOT NULL
    AND (notes IS NOT NULL OR notes_file IS NOT NULL))),
  CHECK ((signed_off_at IS NULL) = (signed_off_by_user_id IS NULL)),
  CHECK (signed_off_at IS NULL OR completed_at IS NOT NULL),
  CHECK (closed_as IS NULL OR completed_at IS NULL)
);

-- Signed off means frozen: no update or delete of the record (so nor of its booking) from then on.
CREATE FUNCTION appointment_records_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.signed_off_at IS NOT NULL THEN
    RAISE EXCEPTION 'a signed-off appointment record cannot be changed; add an addendum'
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER appointment_records_frozen BEFORE UPDATE OR DELETE ON appointment_records
  FOR EACH ROW EXECUTE FUNCTION appointment_records_frozen();

-- Corrections after sign-off: append-only, in the order written.
CREATE TABLE appointment_addenda (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  booking_id uuid NOT NULL,
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
  created_by_user_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, booking_id) REFERENCES appointment_records (organisation_id, booking_id)
);
CREATE INDEX appointment_addenda_booking_idx ON appointment_addenda (organisation_id, booking_id, created_at);

CREATE FUNCTION appointment_addenda_rules() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'addenda are append-only' USING ERRCODE = 'restrict_violation';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM appointment_records r WHERE r.organisation_id = NEW.organisation_id
                 AND r.booking_id = NEW.booking_id AND r.signed_off_at IS NOT NULL) THEN
    RAISE EXCEPTION 'an addendum is added only to a signed-off appointment' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER appointment_addenda_rules BEFORE INSERT OR UPDATE OR DELETE ON appointment_addenda
  FOR EACH ROW EXECUTE FUNCTION appointment_addenda_rules();

CREATE TABLE appointment_settings (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  -- An appointment not completed this many days after it is flagged to the associate and the coordinator.
  overdue_after_days integer NOT NULL DEFAULT 7 CHECK (overdue_after_days BETWEEN 1 AND 90),
  PRIMARY KEY (organisation_id)
);

GRANT SELECT, INSERT, UPDATE ON appointment_records, appointment_settings TO carebook_app;
GRANT SELECT, INSERT ON appointment_addenda TO carebook_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['appointment_records', 'appointment_addenda', 'appointment_settings'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (organisation_id = current_organisation_id()) '
      'WITH CHECK (organisation_id = current_organisation_id())', t);
  END LOOP;
END
$$;
