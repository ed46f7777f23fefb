-- Foundation schema: organisations, people, sign-in, roles, ad-hoc bookings and the audit trail.
--
-- Tenancy rule (checked by test/tenancy-catalog.int.test.ts): every tenant-owned table has
-- organisation_id, and every primary key, unique/exclusion constraint and foreign key between tenant
-- tables includes it, so the schema can be distributed by organisation. Row-level security keyed to the
-- per-transaction setting app.organisation_id is the second wall behind the scoped queries.

CREATE EXTENSION IF NOT EXISTS btree_gist;

-- The role every request's transaction switches to (SET LOCAL ROLE) so row-level security applies.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'carebook_app') THEN
    CREATE ROLE carebook_app NOLOGIN;
  END IF;
  IF NOT pg_has_role(current_user, 'carebook_app', 'MEMBER') THEN
    EXECUTE format('GRANT carebook_app TO %I', current_user);
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO carebook_app;

CREATE FUNCTION current_organisation_id() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('app.organisation_id', true), '')::uuid $$;

CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(trim(name)) > 0),
  time_zone text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Global (not tenant-owned): sign-in attempts are recorded before we know which organisation, if any,
-- the e-mail belongs to. Used for rate limiting only.
CREATE TABLE sign_in_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL,
  ip text NOT NULL,
  succeeded boolean NOT NULL,
  attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_attempts_email_idx ON sign_in_attempts (email, attempted_at);
CREATE INDEX sign_in_attempts_ip_idx ON sign_in_attempts (ip, attempted_at);

CREATE TABLE staff (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  given_name text NOT NULL CHECK (length(trim(given_name)) > 0),
  family_name text NOT NULL CHECK (length(trim(family_name)) > 0),
  email text NOT NULL,
  phone text,
  time_zone text NOT NULL,
  delivers_services boolean NOT NULL DEFAULT true,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id)
);
CREATE UNIQUE INDEX staff_email_key ON staff (organisation_id, lower(email));
CREATE INDEX staff_name_idx ON staff (organisation_id, family_name, given_name, id);

CREATE TABLE users (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  staff_id uuid NOT NULL,
  email text NOT NULL,
  password_hash text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, staff_id) REFERENCES staff (organisation_id, id),
  UNIQUE (organisation_id, staff_id)
);
CREATE UNIQUE INDEX users_email_key ON users (organisation_id, lower(email));
-- Sign-in looks the e-mail up across organisations before any tenant is known.
CREATE INDEX users_email_lookup_idx ON users (lower(email));

-- The cookie carries "<organisation id>.<secret>"; only the secret's SHA-256 is stored.
CREATE TABLE sessions (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  token_hash bytea NOT NULL,
  user_id uuid NOT NULL,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  ip text,
  user_agent text,
  PRIMARY KEY (organisation_id, token_hash),
  FOREIGN KEY (organisation_id, user_id) REFERENCES users (organisation_id, id) ON DELETE CASCADE
);

CREATE TABLE roles (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(trim(name)) > 0),
  description text,
  -- Built-in roles carry a key; custom roles have none.
  key text CHECK (key IN ('administrator', 'coordinator', 'worker', 'finance')),
  permissions text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, key)
);
CREATE UNIQUE INDEX roles_name_key ON roles (organisation_id, lower(name));

CREATE TABLE staff_roles (
  organisation_id uuid NOT NULL,
  staff_id uuid NOT NULL,
  role_id uuid NOT NULL,
  PRIMARY KEY (organisation_id, staff_id, role_id),
  FOREIGN KEY (organisation_id, staff_id) REFERENCES staff (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, role_id) REFERENCES roles (organisation_id, id) ON DELETE CASCADE
);
CREATE INDEX staff_roles_role_idx ON staff_roles (organisation_id, role_id);

CREATE TABLE clients (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  given_name text NOT NULL CHECK (length(trim(given_name)) > 0),
  family_name text NOT NULL CHECK (length(trim(family_name)) > 0),
  preferred_name text,
  date_of_birth date,
  email text,
  phone text,
  address_line1 text,
  address_line2 text,
  suburb text,
  state text,
  postcode text,
  country text,
  time_zone text NOT NULL,
  ndis_number text CHECK (ndis_number ~ '^[0-9]{9}$'),
  local_authority_reference text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
  notes text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id)
);
CREATE INDEX clients_name_idx ON clients (organisation_id, family_name, given_name, id);

CREATE TABLE external_providers (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(trim(name)) > 0),
  contact_name text,
  email text,
  phone text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id)
);

CREATE TABLE bookings (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL,
  kind text NOT NULL DEFAULT 'adhoc' CHECK (kind IN ('adhoc')),
  name text NOT NULL CHECK (length(trim(name)) > 0),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  -- The zone the booking was entered in (the client's); local date and time are shown in it.
  time_zone text NOT NULL,
  staff_id uuid,
  external_provider_id uuid,
  notes text,
  status text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'completed', 'cancelled')),
  cancellation_reason text,
  created_by_user_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, client_id) REFERENCES clients (organisation_id, id),
  FOREIGN KEY (organisation_id, staff_id) REFERENCES staff (organisation_id, id),
  FOREIGN KEY (organisation_id, external_provider_id) REFERENCES external_providers (organisation_id, id),
  FOREIGN KEY (organisation_id, created_by_user_id) REFERENCES users (organisation_id, id),
  CHECK (ends_at > starts_at),
  CHECK (num_nonnulls(staff_id, external_provider_id) <= 1),
  CHECK ((status = 'cancelled') = (cancellation_reason IS NOT NULL)),
  -- One staff member, one place at a time: concurrent inserts race here, not in application code.
  CONSTRAINT bookings_staff_no_overlap EXCLUDE USING gist (
    organisation_id WITH =,
    staff_id WITH =,
    tstzrange(starts_at, ends_at) WITH &&
  ) WHERE (status <> 'cancelled' AND staff_id IS NOT NULL)
);
CREATE INDEX bookings_client_idx ON bookings (organisation_id, client_id, starts_at DESC, id DESC);
CREATE INDEX bookings_staff_idx ON bookings (organisation_id, staff_id, starts_at);
CREATE INDEX bookings_range_idx ON bookings USING gist (organisation_id, tstzrange(starts_at, ends_at));

-- Append-only: no update or delete path exists, and the database refuses both.
CREATE TABLE audit_events (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_user_id uuid,
  actor_label text,
  action text NOT NULL CHECK (action IN ('create', 'update', 'delete', 'sign_in', 'sign_in_failed', 'sign_out')),
  entity_type text NOT NULL,
  entity_id uuid,
  before jsonb,
  after jsonb,
  ip text,
  PRIMARY KEY (organisation_id, id)
);
CREATE INDEX audit_events_time_idx ON audit_events (organisation_id, occurred_at DESC, id DESC);
CREATE INDEX audit_events_entity_idx ON audit_events (organisation_id, entity_type, entity_id);

CREATE FUNCTION audit_events_append_only() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege'; END $$;

CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

-- Privileges and row-level security for the request role.
GRANT SELECT ON organisations TO carebook_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON staff, users, sessions, roles, staff_roles, clients,
  external_providers, bookings TO carebook_app;
GRANT SELECT, INSERT ON audit_events, sign_in_attempts TO carebook_app;

ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON organisations USING (id = current_organisation_id());

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['staff', 'users', 'sessions', 'roles', 'staff_roles', 'clients',
                           'external_providers', 'bookings', 'audit_events'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (organisation_id = current_organisation_id()) '
      'WITH CHECK (organisation_id = current_organisation_id())', t);
  END LOOP;
END
$$;
