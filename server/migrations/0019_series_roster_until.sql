-- A recurring session's roster (series_participants, 0015) says who takes part from a date; this adds until
-- when, so someone leaves a group from a date onward (Ava stops after June) while the sessions before it keep
-- her. Re-joining later starts the entry again from the new date.
ALTER TABLE series_participants
  ADD COLUMN until_date date,
  ADD CONSTRAINT series_participants_until CHECK (until_date IS NULL OR until_date >= from_date);
