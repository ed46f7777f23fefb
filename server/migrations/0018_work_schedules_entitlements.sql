-- The associate's day (issue 13): work schedules with breaks and the associate's holiday region (slot search),
-- and session entitlements: cases (referrals), their ledger, and extra-session requests.

-- A date-holidays region: a country, optionally with its state ("AU", "AU-NSW"). Public holidays there block
-- the associate's schedules. Written by availability/ (as contracts/ writes clients.region).
ALTER TABLE staff
  ADD COLUMN holiday_region text CHECK (holiday_region ~ '^[A-Z]{2}(-[A-Z0-9]{1,3})?$');

CREATE TABLE work_schedules (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  staff_id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  schedule_type text NOT NULL CHECK (schedule_type IN ('adhoc', 'open', 'rapid_response')),
  -- What a session on this schedule pays the associate, per hour, in minor units of the organisation's currency.
  pay_rate_minor integer CHECK (pay_rate_minor BETWEEN 0 AND 100000000),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, staff_id) REFERENCES staff (organisation_id, id) ON DELETE CASCADE
);
CREATE INDEX work_schedules_staff_idx ON work_schedules (organisation_id, staff_id);

-- Weekly availability blocks, wall clock in the associate's zone; "24:00" ends at midnight.
CREATE TABLE work_schedule_lines (
  organisation_id uuid NOT NULL,
  schedule_id uuid NOT NULL,
  weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  starts_at text NOT NULL CHECK (starts_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  ends_at text NOT NULL CHECK (ends_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$'),
  CHECK (ends_at > starts_at),
  PRIMARY KEY (organisation_id, schedule_id, weekday, starts_at),
  FOREIGN KEY (organisation_id, schedule_id) REFERENCES work_schedules (organisation_id, id) ON DELETE CASCADE
);

-- Breaks: whole local days (no times) or part of a day (from from_time on starts_on to to_time on ends_on).
CREATE TABLE staff_breaks (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  staff_id uuid NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL CHECK (ends_on >= starts_on),
  from_time text CHECK (from_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  to_time text CHECK (to_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$'),
  reason text CHECK (length(reason) <= 500),
  CHECK ((from_time IS NULL) = (to_time IS NULL)),
  CHECK (from_time IS NULL OR ends_on > starts_on OR to_time > from_time),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, staff_id) REFERENCES staff (organisation_id, id) ON DELETE CASCADE
);
CREATE INDEX staff_breaks_staff_idx ON staff_breaks (organisation_id, staff_id, ends_on);

-- A case (referral): a client's sessions for one issue, from one funder.
CREATE TABLE cases (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL,
  issue text NOT NULL CHECK (length(issue) BETWEEN 1 AND 200),
  funder text NOT NULL CHECK (length(funder) BETWEEN 1 AND 200),
  allowed_sessions integer NOT NULL CHECK (allowed_sessions BETWEEN 1 AND 100),
  -- rolling_12_months: from the first session; per_year: each calendar year; per_referral: until expires_on.
  counting_window text NOT NULL CHECK (counting_window IN ('rolling_12_months', 'per_year', 'per_referral')),
  opened_on date NOT NULL,
  expires_on date CHECK (expires_on >= opened_on),
  CHECK ((counting_window = 'per_referral') = (expires_on IS NOT NULL)),
  -- The funder's rules: does a cancellation or reschedule less than 24 h before, or a no-show, use a session?
  late_cancellation_counts boolean NOT NULL DEFAULT true,
  no_show_counts boolean NOT NULL DEFAULT true,
  -- The funder's holiday calendar (date-holidays region) for the business days of extra-session due dates.
  funder_region text NOT NULL DEFAULT 'AU' CHECK (funder_region ~ '^[A-Z]{2}(-[A-Z0-9]{1,3})?$'),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, client_id) REFERENCES clients (organisation_id, id)
);
CREATE INDEX cases_client_idx ON cases (organisation_id, client_id);

CREATE TABLE extra_session_requests (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  sessions integer NOT NULL CHECK (sessions BETWEEN 1 AND 4),
  justification text NOT NULL CHECK (length(justification) BETWEEN 1 AND 5000),
  clinical_review boolean NOT NULL,
  requested_on date NOT NULL,
  funder_due_on date NOT NULL,
  due_on date NOT NULL CHECK (due_on >= funder_due_on),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'modified', 'declined')),
  granted_sessions integer CHECK (granted_sessions BETWEEN 0 AND 4),
  decision_note text CHECK (length(decision_note) <= 2000),
  requested_by_user_id uuid NOT NULL,
  decided_by_user_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz,
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK (status <> 'approved' OR granted_sessions = sessions),
  CHECK (status <> 'declined' OR granted_sessions = 0),
  CHECK (status <> 'modified' OR granted_sessions BETWEEN 1 AND 4),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, case_id) REFERENCES cases (organisation_id, id)
);
-- One request at a time per case.
CREATE UNIQUE INDEX extra_session_requests_one_pending ON extra_session_requests (organisation_id, case_id)
  WHERE status = 'pending';

-- The ledger: every grant, use and reversal of a session, with its reason. Append-only.
CREATE TABLE entitlement_entries (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('grant', 'use', 'reversal')),
  sessions integer NOT NULL CHECK (sessions BETWEEN 1 AND 100),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  -- A use or reversal is of one booked session, dated by the session's local date in the client's zone; a
  -- grant is dated by the local day it was made (the case's opening day for its allotment).
  booking_id uuid,
  effective_on date NOT NULL,
  CHECK ((kind = 'grant') = (booking_id IS NULL)),
  -- A grant from an extra-session request, or the case's allotment (neither).
  request_id uuid,
  -- Booked with no session left: why it went ahead.
  override_reason text CHECK (length(override_reason) BETWEEN 1 AND 500),
  created_by_user_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, case_id) REFERENCES cases (organisation_id, id),
  FOREIGN KEY (organisation_id, booking_id) REFERENCES bookings (organisation_id, id),
  FOREIGN KEY (organisation_id, request_id) REFERENCES extra_session_requests (organisation_id, id)
);
CREATE INDEX entitlement_entries_case_idx ON entitlement_entries (organisation_id, case_id, created_at);
-- A booking uses a session of one case at most once, and is reversed at most once.
CREATE UNIQUE INDEX entitlement_entries_one_use ON entitlement_entries (organisation_id, booking_id, kind)
  WHERE booking_id IS NOT NULL;

CREATE FUNCTION entitlement_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'entitlement entries are append-only' USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER entitlement_entries_append_only BEFORE UPDATE OR DELETE ON entitlement_entries
  FOR EACH ROW EXECUTE FUNCTION entitlement_entries_append_only();

GRANT SELECT, INSERT, UPDATE, DELETE ON work_schedules, work_schedule_lines, staff_breaks TO carebook_app;
GRANT SELECT, INSERT, UPDATE ON cases, extra_session_requests TO carebook_app;
GRANT SELECT, INSERT ON entitlement_entries TO carebook_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['work_schedules', 'work_schedule_lines', 'staff_breaks', 'cases',
                           'extra_session_requests', 'entitlement_entries'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (organisation_id = current_organisation_id()) '
      'WITH CHECK (organisation_id = current_organisation_id())', t);
  END LOOP;
END
$$;
