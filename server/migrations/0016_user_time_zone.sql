-- Each user's own time zone (issue 12): calendars show times in it by default. NULL means "the organisation's
-- zone", so a user who never chose one follows the organisation if its zone changes. Names are checked and
-- canonicalised by the application (an IANA name as the time-zone database spells it); the database refuses
-- the empty string, which would otherwise read as a choice.
ALTER TABLE users
  ADD COLUMN time_zone text CHECK (time_zone IS NULL OR length(time_zone) BETWEEN 1 AND 64);
