-- NDIS (issue 15 §2–3, this part): short-notice cancellation rules per service type, dated; the decision on one
-- client's cancellation with its proof and the two attestations the Pricing Arrangements require.

-- An organisation's cancellation rule for a service type (or, with no service type, for every service), from a
-- date: either the national rule for a class of support (support worker or other; dated data in code) or its own.
CREATE TABLE ndis_cancellation_rules (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  service_type_id uuid,
  effective_from date NOT NULL,
  support_class text NOT NULL CHECK (support_class IN ('support_worker', 'other', 'custom')),
  kind text CHECK (kind IN ('clearBusinessDays', 'clearDays')),
  days smallint CHECK (days BETWEEN 0 AND 60),
  reading text CHECK (reading IN ('calendar', 'hours')),
  -- Notice outside these hours counts from opening on the next business day (a policy option).
  opens_at time,
  closes_at time,
  claim_percent smallint CHECK (claim_percent BETWEEN 0 AND 100),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, service_type_id) REFERENCES service_types (organisation_id, id) ON DELETE CASCADE,
  CHECK ((support_class = 'custom') = (kind IS NOT NULL AND days IS NOT NULL)),
  CHECK (reading IS NULL OR kind = 'clearDays'),
  CHECK ((kind = 'clearDays') = (reading IS NOT NULL)),
  CHECK ((opens_at IS NULL) = (closes_at IS NULL) AND (opens_at IS NULL OR opens_at < closes_at))
);
CREATE UNIQUE INDEX ndis_cancellation_rules_key
  ON ndis_cancellation_rules (organisation_id, service_type_id, effective_from) NULLS NOT DISTINCT;

-- The decision on a client's cancellation (bookings/ writes it with the cancellation): a no-show, the two
-- attestations, and what the rule in force said, with its proof (rule, deadline, explanation) as stored then.
ALTER TABLE booking_participants
  ADD COLUMN no_show boolean,
  ADD COLUMN attested_no_other_work boolean,
  ADD COLUMN attested_worker_paid boolean,
  ADD COLUMN short_notice boolean,
  ADD COLUMN cancellation_decision jsonb CHECK (cancellation_decision IS NULL OR jsonb_typeof(cancellation_decision) = 'object'),
  ADD CONSTRAINT booking_participants_ndis_decision CHECK (
    (short_notice IS NULL) = (cancellation_decision IS NULL)
    AND (short_notice IS NULL) = (no_show IS NULL)
    AND (short_notice IS NULL) = (attested_no_other_work IS NULL)
    AND (short_notice IS NULL) = (attested_worker_paid IS NULL)
    AND (short_notice IS NULL OR cancelled_by IS NOT NULL)
    AND (no_show IS NOT TRUE OR short_notice));

GRANT SELECT, INSERT, UPDATE, DELETE ON ndis_cancellation_rules TO carebook_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['ndis_cancellation_rules'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (organisation_id = current_organisation_id()) '
      'WITH CHECK (organisation_id = current_organisation_id())', t);
  END LOOP;
END
$$;
