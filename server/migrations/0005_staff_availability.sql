-- Staff availability: weekly working hours (wall clock in the staff member's zone) and leave. Both feed soft
-- conflicts: warnings on scheduling reports, never refusals.

CREATE TABLE staff_working_hours (
  organisation_id uuid NOT NULL,
  staff_id uuid NOT NULL,
  -- ISO weekday: 1 = Monday … 7 = Sunday
  weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  starts_at text NOT NULL CHECK (starts_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  ends_at text NOT NULL CHECK (ends_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$'),
  CHECK (ends_at > starts_at),
  PRIMARY KEY (organisation_id, staff_id, weekday, starts_at),
  FOREIGN KEY (organisation_id, staff_id) REFERENCES staff (organisation_id, id) ON DELETE CASCADE
);

CREATE TABLE staff_leave (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  staff_id uuid NOT NULL,
  -- Inclusive local dates in the staff member's zone.
  starts_on date NOT NULL,
  ends_on date NOT NULL CHECK (ends_on >= starts_on),
  reason text,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, staff_id) REFERENCES staff (organisation_id, id) ON DELETE CASCADE
);
CREATE INDEX staff_leave_staff_idx ON staff_leave (organisation_id, staff_id, starts_on);

GRANT SELECT, INSERT, UPDATE, DELETE ON staff_working_hours, staff_leave TO carebook_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['staff_working_hours', 'staff_leave'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (organisation_id = current_organisation_id()) '
      'WITH CHECK (organisation_id = current_organisation_id())', t);
  END LOOP;
END
$$;
