-- Row-level security: the database itself refuses cross-organisation access, whatever the app does.
--
-- The app's queries run as `runbalance_app` (SET LOCAL ROLE inside each transaction, see
-- src/server/db/tenant.ts): not a superuser, not BYPASSRLS, owner of nothing. The organisation and
-- the user are set per transaction with set_config(..., true); `nullif(..., '')` because a custom
-- setting that was once set reads back as '' (not NULL) on a pooled connection, and ''::uuid throws.
-- With nothing set, every policy is false: zero rows, no error.
-- Policies apply to every role, and FORCE makes them bind the tables' owner too: the migrating role
-- (which also seeds demo data and checks passwords) must name an organisation like everyone else.
-- Only `users` is not forced: sign-in looks accounts up by email before anyone is known.
-- Hand-written: drizzle-kit has no FORCE ROW LEVEL SECURITY, and roles are cluster-wide (idempotent here).

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'runbalance_app') THEN
    CREATE ROLE runbalance_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
  -- The login role that runs migrations (and the app) must be allowed to switch to it.
  EXECUTE format('GRANT runbalance_app TO %I', current_user);
END $$;
--> statement-breakpoint
CREATE SCHEMA IF NOT EXISTS app;
--> statement-breakpoint
GRANT USAGE ON SCHEMA app TO runbalance_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app.current_org_id() RETURNS uuid LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.org_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app.current_user_id() RETURNS uuid LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO runbalance_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON
  users, organizations, memberships, athletes, coach_assignments, planned_weeks, planned_sessions, runs,
  invitations, outbox_emails, audit_events
  TO runbalance_app;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  -- Every tenant table: rows of the current organisation only, for reading and for writing.
  FOREACH t IN ARRAY ARRAY['memberships', 'athletes', 'coach_assignments', 'planned_weeks', 'planned_sessions',
                           'runs', 'invitations', 'outbox_emails', 'audit_events']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY %I ON %I AS PERMISSIVE FOR ALL
         USING (org_id = (SELECT app.current_org_id())) WITH CHECK (org_id = (SELECT app.current_org_id()))',
      t || '_tenant_isolation', t);
  END LOOP;
END $$;
--> statement-breakpoint
-- Before an organisation is chosen, a signed-in user may read their own memberships (to list and
-- resolve their organisations), and nothing else.
CREATE POLICY memberships_own_rows ON memberships AS PERMISSIVE FOR SELECT
  USING (user_id = (SELECT app.current_user_id()));
--> statement-breakpoint
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE organizations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organizations_current ON organizations AS PERMISSIVE FOR ALL
  USING (id = (SELECT app.current_org_id())) WITH CHECK (id = (SELECT app.current_org_id()));
--> statement-breakpoint
CREATE POLICY organizations_of_member ON organizations AS PERMISSIVE FOR SELECT
  USING (id IN (SELECT m.org_id FROM memberships m WHERE m.user_id = (SELECT app.current_user_id())));
--> statement-breakpoint
-- Accounts are global, but the app may only see the signed-in user and the members of the current
-- organisation (the memberships sub-query is itself filtered by RLS).
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY users_self ON users AS PERMISSIVE FOR ALL
  USING (id = (SELECT app.current_user_id())) WITH CHECK (id = (SELECT app.current_user_id()));
--> statement-breakpoint
CREATE POLICY users_fellow_members ON users AS PERMISSIVE FOR SELECT
  USING (id IN (SELECT m.user_id FROM memberships m WHERE m.org_id = (SELECT app.current_org_id())));
--> statement-breakpoint
-- An invitation link is a capability: whoever holds the token may read that one invitation, before
-- they belong to its organisation.
CREATE POLICY invitations_by_token ON invitations AS PERMISSIVE FOR SELECT
  USING (token_hash = nullif(current_setting('app.invitation_token_hash', true), ''));
