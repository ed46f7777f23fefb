-- Service plans: templates of steps, deployed to a client as dated services (tasks) with activities.
-- A plan's definition is versioned: every save writes an immutable version, and a deployment keeps the
-- version it came from, so editing a plan never changes services already deployed.

CREATE TABLE service_plans (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(trim(name)) > 0),
  description text,
  limit_concurrent boolean NOT NULL DEFAULT false,
  current_version integer NOT NULL DEFAULT 1 CHECK (current_version > 0),
  archived boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id)
);
CREATE UNIQUE INDEX service_plans_name_key ON service_plans (organisation_id, lower(name));

CREATE TABLE service_plan_versions (
  organisation_id uuid NOT NULL,
  plan_id uuid NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  name text NOT NULL,
  description text,
  limit_concurrent boolean NOT NULL,
  -- [{ id, title, delayDays, description, activities: [text], defaultAssignee: { type, id } | null }]
  steps jsonb NOT NULL CHECK (jsonb_typeof(steps) = 'array' AND jsonb_array_length(steps) > 0),
  created_by_user_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, plan_id, version),
  FOREIGN KEY (organisation_id, plan_id) REFERENCES service_plans (organisation_id, id),
  FOREIGN KEY (organisation_id, created_by_user_id) REFERENCES users (organisation_id, id)
);

CREATE TABLE plan_deployments (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL,
  plan_version integer NOT NULL,
  client_id uuid NOT NULL,
  start_date date NOT NULL,
  limit_concurrent boolean NOT NULL,
  -- active while any of its services is open or in progress
  active boolean NOT NULL DEFAULT true,
  created_by_user_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, plan_id, plan_version) REFERENCES service_plan_versions (organisation_id, plan_id, version),
  FOREIGN KEY (organisation_id, client_id) REFERENCES clients (organisation_id, id),
  FOREIGN KEY (organisation_id, created_by_user_id) REFERENCES users (organisation_id, id)
);
-- "Limit concurrent deployments": at most one active deployment of such a plan per client, enforced here
-- so that two simultaneous deploys cannot both succeed.
CREATE UNIQUE INDEX plan_deployments_one_active ON plan_deployments (organisation_id, plan_id, client_id)
  WHERE active AND limit_concurrent;
CREATE INDEX plan_deployments_client_idx ON plan_deployments (organisation_id, client_id);

CREATE TABLE services (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL,
  title text NOT NULL CHECK (length(trim(title)) > 0),
  due_date date NOT NULL,
  assignee_staff_id uuid,
  assignee_role_id uuid,
  description text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'completed', 'cancelled')),
  notes text,
  deployment_id uuid,
  step_index integer CHECK (step_index >= 0),
  created_by_user_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, client_id) REFERENCES clients (organisation_id, id),
  FOREIGN KEY (organisation_id, assignee_staff_id) REFERENCES staff (organisation_id, id),
  FOREIGN KEY (organisation_id, assignee_role_id) REFERENCES roles (organisation_id, id),
  FOREIGN KEY (organisation_id, deployment_id) REFERENCES plan_deployments (organisation_id, id),
  FOREIGN KEY (organisation_id, created_by_user_id) REFERENCES users (organisation_id, id),
  CHECK (num_nonnulls(assignee_staff_id, assignee_role_id) <= 1),
  CHECK ((deployment_id IS NULL) = (step_index IS NULL))
);
CREATE INDEX services_assignee_idx ON services (organisation_id, assignee_staff_id, due_date);
CREATE INDEX services_client_idx ON services (organisation_id, client_id, due_date);
CREATE INDEX services_deployment_idx ON services (organisation_id, deployment_id, step_index);
CREATE INDEX services_due_idx ON services (organisation_id, due_date, id);

CREATE TABLE service_activities (
  organisation_id uuid NOT NULL,
  service_id uuid NOT NULL,
  position integer NOT NULL CHECK (position >= 0),
  label text NOT NULL CHECK (length(trim(label)) > 0),
  done boolean NOT NULL DEFAULT false,
  done_by_user_id uuid,
  done_at timestamptz,
  PRIMARY KEY (organisation_id, service_id, position),
  FOREIGN KEY (organisation_id, service_id) REFERENCES services (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, done_by_user_id) REFERENCES users (organisation_id, id),
  CHECK (done = (done_at IS NOT NULL) AND done = (done_by_user_id IS NOT NULL))
);

-- Coordinators run services day to day; Administrators hold every permission (see identity/permissions.ts).
UPDATE roles SET permissions = array(SELECT DISTINCT unnest(permissions || ARRAY['services.read', 'services.write']))
  WHERE key IN ('coordinator', 'administrator');

GRANT SELECT, INSERT, UPDATE, DELETE ON service_plans, service_plan_versions, plan_deployments, services,
  service_activities TO carebook_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['service_plans', 'service_plan_versions', 'plan_deployments', 'services',
                           'service_activities'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (organisation_id = current_organisation_id()) '
      'WITH CHECK (organisation_id = current_organisation_id())', t);
  END LOOP;
END
$$;
