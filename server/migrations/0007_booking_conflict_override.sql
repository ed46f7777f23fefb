-- A booking that goes ahead despite soft conflicts (the client is already booked, the assignee is on leave or
-- outside working hours) keeps what was overridden and why, so the decision stays visible on the booking.
ALTER TABLE bookings
  ADD COLUMN override_reason text,
  ADD COLUMN overridden_warnings text[] NOT NULL DEFAULT '{}',
  ADD CONSTRAINT bookings_override_reason_present
    CHECK ((override_reason IS NULL) = (cardinality(overridden_warnings) = 0)),
  ADD CONSTRAINT bookings_override_reason_length
    CHECK (override_reason IS NULL OR length(btrim(override_reason)) BETWEEN 1 AND 500);
