-- NDIS (issue 15 §2–3, this part): short-notice cancellation rules per service type, dated; the decision on one
-- client's cancellation with its proof and the two attestations the Pricing Arrangements require; a client's
-- NDIS plan with its budgets per support category and their funding periods (allocations).

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

-- A client's NDIS plan: its dates and who manages the funds (the plan manager when plan-managed).
CREATE TABLE ndis_plans (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL,
  start_date date NOT NULL,
  end_date date NOT NULL CHECK (end_date >= start_date),
  management text NOT NULL CHECK (management IN ('ndia', 'plan', 'self')),
  plan_manager_name text CHECK (plan_manager_name IS NULL OR length(btrim(plan_manager_name)) BETWEEN 1 AND 200),
  plan_manager_email text CHECK (plan_manager_email IS NULL OR length(btrim(plan_manager_email)) BETWEEN 3 AND 320),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, client_id, id),
  FOREIGN KEY (organisation_id, client_id) REFERENCES clients (organisation_id, id),
  CHECK ((management = 'plan') = (plan_manager_name IS NOT NULL)),
  -- A client has one plan at a time.
  EXCLUDE USING gist (organisation_id WITH =, client_id WITH =, daterange(start_date, end_date, '[]') WITH &&)
);

-- A plan's budget for one support category (Core: Assistance with daily life, Capacity building…).
CREATE TABLE ndis_plan_budgets (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL,
  support_category text NOT NULL CHECK (length(btrim(support_category)) BETWEEN 1 AND 200),
  amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
  -- The service types whose bookings draw on this budget; empty: every service no other budget names.
  service_type_ids uuid[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, plan_id, id),
  FOREIGN KEY (organisation_id, plan_id) REFERENCES ndis_plans (organisation_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX ndis_plan_budgets_category ON ndis_plan_budgets (organisation_id, plan_id, lower(support_category));

-- A budget's funding periods (3 months by default from May 2025 plans on) and what each releases.
CREATE TABLE ndis_funding_periods (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL,
  budget_id uuid NOT NULL,
  start_date date NOT NULL,
  end_date date NOT NULL CHECK (end_date >= start_date),
  allocation_minor bigint NOT NULL CHECK (allocation_minor >= 0),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, plan_id, budget_id) REFERENCES ndis_plan_budgets (organisation_id, plan_id, id)
    ON DELETE CASCADE,
  EXCLUDE USING gist (organisation_id WITH =, budget_id WITH =, daterange(start_date, end_date, '[]') WITH &&)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON ndis_cancellation_rules, ndis_plans, ndis_plan_budgets, ndis_funding_periods
  TO carebook_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['ndis_cancellation_rules', 'ndis_plans', 'ndis_plan_budgets', 'ndis_funding_periods'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (organisation_id = current_organisation_id()) '
      'WITH CHECK (organisation_id = current_organisation_id())', t);
  END LOOP;
END
$$;
