-- Client data quality (issue 16): one client per NDIS number within an organisation, and the organisation's
-- country, which phone numbers, postcodes and states are checked against.

ALTER TABLE organisations
  ADD COLUMN country text NOT NULL DEFAULT 'AU' CHECK (country ~ '^[A-Z]{2}$');
UPDATE organisations SET country = 'GB' WHERE time_zone IN ('Europe/London', 'Europe/Belfast');
UPDATE organisations SET country = 'NZ' WHERE time_zone IN ('Pacific/Auckland', 'Pacific/Chatham');

-- Existing duplicates cannot be resolved by a machine: the oldest client keeps the number, and each later
-- one loses it with a note saying which client has it, so a person can check whose it really is.
WITH ranked AS (
  SELECT organisation_id, id, ndis_number,
         first_value(id) OVER same AS keeper_id,
         row_number() OVER same AS position
  FROM clients
  WHERE ndis_number IS NOT NULL
  WINDOW same AS (PARTITION BY organisation_id, ndis_number ORDER BY created_at, id)
)
UPDATE clients c
SET ndis_number = NULL,
    notes = concat_ws(E'\n\n', c.notes,
      'NDIS number ' || r.ndis_number || ' was removed from this profile when Carebook was upgraded, because '
      || keeper.given_name || ' ' || keeper.family_name
      || ' has the same number. Check which client it belongs to and correct it.'),
    updated_at = now()
FROM ranked r
JOIN clients keeper ON keeper.organisation_id = r.organisation_id AND keeper.id = r.keeper_id
WHERE c.organisation_id = r.organisation_id AND c.id = r.id AND r.position > 1;

CREATE UNIQUE INDEX clients_ndis_number_key ON clients (organisation_id, ndis_number)
  WHERE ndis_number IS NOT NULL;
