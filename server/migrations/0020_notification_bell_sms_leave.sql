-- Notifications, the rest of issue 11: messages a channel without a provider did not deliver, the client's one
-- message about a leave (it lists the visits the leave cancelled or gave back), and the bell's unread count.

-- 'not_sent': the channel has no provider configured (SMS logs only unless one is), so nothing left Carebook.
-- It is final, not retried; a coordinator's resend tries again (once a provider is configured).
ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_status_check;
ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_status_check
  CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled', 'not_sent'));

-- A leave summary ('leave_cancellation', 'leave_restored') is about several bookings: its booking_id is null.
ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_event_check;
ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_event_check
  CHECK (event IN ('confirmation', 'change', 'cancellation', 'reminder', 'leave_cancellation', 'leave_restored'));
ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_leave_has_no_booking
  CHECK (event NOT IN ('leave_cancellation', 'leave_restored') OR booking_id IS NULL);

-- The bell's badge: a staff member's unread notices.
CREATE INDEX notices_unread_idx ON notices (organisation_id, staff_id) WHERE read_at IS NULL;
