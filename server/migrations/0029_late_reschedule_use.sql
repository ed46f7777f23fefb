-- A case session moved less than 24 h before it uses a session when the funder counts late cancellations and
-- reschedules (cases.late_cancellation_counts): a second "use" of the same booking, marked with the start it was
-- moved from. The one-use-per-booking rule (0018) stays for the booking's own use; a booking may carry any number
-- of late-reschedule uses (each late move is one).
ALTER TABLE entitlement_entries ADD COLUMN rescheduled_from timestamptz;
ALTER TABLE entitlement_entries
  ADD CONSTRAINT entitlement_entries_rescheduled_use CHECK (rescheduled_from IS NULL OR kind = 'use');

DROP INDEX entitlement_entries_one_use;
CREATE UNIQUE INDEX entitlement_entries_one_use ON entitlement_entries (organisation_id, booking_id, kind)
  WHERE booking_id IS NOT NULL AND rescheduled_from IS NULL;
