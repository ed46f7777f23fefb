-- The rebooking wizard (issue 13 §4–§5): what the wizard chose for a case's session, the organisation's
-- retrospective window, closing a case, and the outbox's message about an extra-session request's outcome,
-- which goes to the client and to the associate (a staff member).

-- A case is closed with a reason, by someone, at a time; a closed case takes no further bookings.
ALTER TABLE cases
  ADD COLUMN closed_at timestamptz,
  ADD COLUMN close_reason text CHECK (length(close_reason) BETWEEN 1 AND 500),
  ADD COLUMN closed_by_user_id uuid;
ALTER TABLE cases ADD CONSTRAINT cases_closed_consistent
  CHECK ((status = 'closed') = (closed_at IS NOT NULL) AND (closed_at IS NULL) = (close_reason IS NULL)) NOT VALID;

-- How many days after a session it may still be entered retrospectively (Converge: 30; an older rule said 90).
-- No row: 30.
CREATE TABLE rebooking_settings (
  organisation_id uuid PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
  retrospective_days integer NOT NULL DEFAULT 30 CHECK (retrospective_days BETWEEN 1 AND 365),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The wizard's choices for one session booked on a case (one row per booking).
CREATE TABLE case_session_details (
  organisation_id uuid NOT NULL,
  booking_id uuid NOT NULL,
  case_id uuid NOT NULL,
  -- manual: a future time; retrospective: a session that happened but was not entered (recorded as delivered).
  approach text NOT NULL CHECK (approach IN ('manual', 'retrospective')),
  -- The schedule line chosen carries the pay rate: the schedule is kept, and its rate at the time.
  work_schedule_id uuid,
  pay_rate_minor integer CHECK (pay_rate_minor BETWEEN 0 AND 100000000),
  modality text NOT NULL CHECK (modality IN ('in_person', 'phone', 'video')),
  video_platform text CHECK (video_platform IN ('jitsi', 'teams', 'zoom', 'other')),
  meeting_link text CHECK (meeting_link ~ '^https://' AND length(meeting_link) <= 500),
  CHECK ((modality = 'video') = (video_platform IS NOT NULL)),
  CHECK (modality = 'video' OR meeting_link IS NULL),
  attendance text NOT NULL CHECK (attendance IN ('individual', 'couple', 'family', 'group')),
  notify_client boolean NOT NULL,
  confirmed boolean NOT NULL CHECK (confirmed),
  previous_booking_id uuid,
  entered_at timestamptz NOT NULL DEFAULT now(),
  created_by_user_id uuid NOT NULL,
  PRIMARY KEY (organisation_id, booking_id),
  FOREIGN KEY (organisation_id, booking_id) REFERENCES bookings (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, case_id) REFERENCES cases (organisation_id, id),
  FOREIGN KEY (organisation_id, work_schedule_id) REFERENCES work_schedules (organisation_id, id)
    ON DELETE SET NULL (work_schedule_id)
);
CREATE INDEX case_session_details_case_idx ON case_session_details (organisation_id, case_id);

-- The outbox carries one more kind of message, not about a booking: an extra-session request's outcome, to the
-- client and to the associate who asked (recipient 'staff').
ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_event_check;
ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_event_check
  CHECK (event IN ('confirmation', 'change', 'cancellation', 'reminder', 'leave_cancellation', 'leave_restored',
                  'extra_sessions_outcome'));
ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_recipient_check;
ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_recipient_check
  CHECK (recipient IN ('client', 'contact', 'staff'));

GRANT SELECT, INSERT, UPDATE ON rebooking_settings TO carebook_app;
GRANT SELECT, INSERT ON case_session_details TO carebook_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['rebooking_settings', 'case_session_details'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (organisation_id = current_organisation_id()) '
      'WITH CHECK (organisation_id = current_organisation_id())', t);
  END LOOP;
END
$$;
