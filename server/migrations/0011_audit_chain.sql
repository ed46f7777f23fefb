-- Tamper-evident audit trail. Each event carries its position in its organisation's chain (seq), the hash of
-- the event before it (prev_hash, NULL for the first) and its own hash over its content and prev_hash. Editing
-- an event breaks its hash; deleting one breaks the next event's prev_hash (and leaves a gap in seq); the
-- chain head below also remembers the last event, so dropping the newest ones shows too. Verified by
-- `npm run cli -- audit:verify`.

ALTER TABLE audit_events ADD COLUMN seq bigint, ADD COLUMN prev_hash bytea, ADD COLUMN hash bytea;

-- The newest event of each organisation's chain. Its row lock serialises audited writes per organisation
-- (held until the writing transaction commits), so concurrent writers chain one after the other.
CREATE TABLE audit_chain_heads (
  organisation_id uuid PRIMARY KEY REFERENCES organisations (id),
  last_seq bigint NOT NULL CHECK (last_seq >= 0),
  last_hash bytea
);
ALTER TABLE audit_chain_heads ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_chain_heads USING (organisation_id = current_organisation_id())
  WITH CHECK (organisation_id = current_organisation_id());
-- No grant to carebook_app: only the SECURITY DEFINER trigger below writes it.

-- The hash of one event: SHA-256 over a canonical JSON array of every field (jsonb text is normalised;
-- the instant is written in UTC to the microsecond, independent of the session's time zone).
CREATE FUNCTION audit_event_hash(e audit_events) RETURNS bytea
  LANGUAGE sql STABLE
  SET search_path = pg_catalog, public
  AS $$
    SELECT sha256(convert_to(jsonb_build_array(
      e.organisation_id, e.id, e.seq,
      to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      e.actor_user_id, e.actor_label, e.action, e.entity_type, e.entity_id, e.before, e.after, e.ip,
      encode(e.prev_hash, 'hex'))::text, 'UTF8'))
  $$;

CREATE FUNCTION audit_events_chain() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, public
  AS $$
  DECLARE
    head audit_chain_heads%ROWTYPE;
  BEGIN
    INSERT INTO audit_chain_heads (organisation_id, last_seq, last_hash)
      VALUES (NEW.organisation_id, 0, NULL) ON CONFLICT (organisation_id) DO NOTHING;
    SELECT * INTO head FROM audit_chain_heads WHERE organisation_id = NEW.organisation_id FOR UPDATE;
    NEW.seq := head.last_seq + 1;
    NEW.prev_hash := head.last_hash;
    NEW.hash := audit_event_hash(NEW);
    UPDATE audit_chain_heads SET last_seq = NEW.seq, last_hash = NEW.hash
      WHERE organisation_id = NEW.organisation_id;
    RETURN NEW;
  END
  $$;

-- Chain the events recorded before this migration, oldest first.
ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete;
DO $$
DECLARE
  r record;
  org uuid := NULL;
  n bigint := 0;
  prev bytea := NULL;
  h bytea;
BEGIN
  FOR r IN SELECT organisation_id, id FROM audit_events ORDER BY organisation_id, occurred_at, id LOOP
    IF org IS DISTINCT FROM r.organisation_id THEN
      IF org IS NOT NULL THEN
        INSERT INTO audit_chain_heads VALUES (org, n, prev);
      END IF;
      org := r.organisation_id; n := 0; prev := NULL;
    END IF;
    n := n + 1;
    UPDATE audit_events e SET seq = n, prev_hash = prev
      WHERE e.organisation_id = r.organisation_id AND e.id = r.id
      RETURNING audit_event_hash(e.*) INTO h;
    UPDATE audit_events SET hash = h WHERE organisation_id = r.organisation_id AND id = r.id;
    prev := h;
  END LOOP;
  IF org IS NOT NULL THEN
    INSERT INTO audit_chain_heads VALUES (org, n, prev);
  END IF;
END
$$;
ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete;

ALTER TABLE audit_events ALTER COLUMN seq SET NOT NULL, ALTER COLUMN hash SET NOT NULL;
CREATE UNIQUE INDEX audit_events_chain_idx ON audit_events (organisation_id, seq);

CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_chain();
