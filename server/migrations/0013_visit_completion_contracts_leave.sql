-- Billing a provider can send (issue 18): what a completed visit recorded, the client contract a series is
-- charged on, and one client's leave periods never overlapping.
--
-- Client contracts already have a start date (required) and an optional end date since 0004, so no contract
-- needs a backfill here: the rating now keeps to them (a visit outside a contract's dates is never priced by
-- it), which is code, not data.

-- The note the person completing a visit wrote (what happened); actual times and mileage already exist.
ALTER TABLE client_deliveries
  ADD COLUMN completion_note text
    CONSTRAINT client_deliveries_completion_note_length
    CHECK (completion_note IS NULL OR length(btrim(completion_note)) BETWEEN 1 AND 2000);

-- The client contract a series' visits are charged on (null: the client's contract in force at each visit).
-- It must be a contract of the series' own client.
ALTER TABLE scheduled_services
  ADD COLUMN contract_id uuid,
  ADD CONSTRAINT scheduled_services_contract_fkey FOREIGN KEY (organisation_id, client_id, contract_id)
    REFERENCES client_contracts (organisation_id, client_id, id);

-- Existing overlapping leave of one client is merged into its earliest period (the union of their dates,
-- open-ended when any was), its note saying so; visits suspended by a merged leave now name the kept one.
CREATE TEMPORARY TABLE leave_merges ON COMMIT DROP AS
WITH ordered AS (
  SELECT organisation_id, id, client_id, starts_on, ends_on, created_at,
         max(coalesce(ends_on, 'infinity'::date)) OVER (
           PARTITION BY organisation_id, client_id ORDER BY starts_on, created_at, id
           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
  FROM client_leave
),
islands AS (
  SELECT *, sum(CASE WHEN reach IS NULL OR starts_on > reach THEN 1 ELSE 0 END) OVER (
           PARTITION BY organisation_id, client_id ORDER BY starts_on, created_at, id) AS island
  FROM ordered
),
grouped AS (
  SELECT organisation_id, id,
         first_value(id) OVER same AS keeper_id,
         count(*) OVER (PARTITION BY organisation_id, client_id, island) AS members,
         max(coalesce(ends_on, 'infinity'::date)) OVER (PARTITION BY organisation_id, client_id, island) AS last_day
  FROM islands
  WINDOW same AS (PARTITION BY organisation_id, client_id, island ORDER BY starts_on, created_at, id)
)
SELECT * FROM grouped WHERE members > 1;

UPDATE booking_participants bp SET suspended_by_leave_id = m.keeper_id
FROM leave_merges m
WHERE bp.organisation_id = m.organisation_id AND bp.suspended_by_leave_id = m.id AND m.id <> m.keeper_id;

UPDATE client_leave l
SET ends_on = CASE WHEN m.last_day = 'infinity'::date THEN NULL ELSE m.last_day END,
    note = concat_ws(E'\n\n', l.note,
      'Merged with ' || (m.members - 1) || ' overlapping leave period(s) of this client when Carebook was upgraded.')
FROM leave_merges m
WHERE l.organisation_id = m.organisation_id AND l.id = m.id AND m.id = m.keeper_id;

DELETE FROM client_leave l
USING leave_merges m
WHERE l.organisation_id = m.organisation_id AND l.id = m.id AND m.id <> m.keeper_id;

DROP TABLE leave_merges;

-- One client is on at most one leave on any day (dates inclusive; an open end runs on for ever).
ALTER TABLE client_leave
  ADD CONSTRAINT client_leave_no_overlap EXCLUDE USING gist (
    organisation_id WITH =,
    client_id WITH =,
    daterange(starts_on, ends_on, '[]') WITH &&
  );
