-- A sign-in attempt is recorded before its password is checked, so concurrent guesses cannot all pass the
-- throttle before the first is counted. Until now that record said "failed" until a success flipped it, so
-- concurrent sign-ins with the right password counted as failures and locked each other out. NULL now means
-- "still being checked": the throttle tells it apart from a failure (and makes a newcomer wait for it rather
-- than refuse), and a pending attempt left behind by a crash counts as a failure once it is old.
ALTER TABLE sign_in_attempts ALTER COLUMN succeeded DROP NOT NULL;
