-- Keeps cached week digests (week_digests, see 0006) honest: anything the rules engine reads about an
-- athlete bumps athletes.training_version in the same transaction, and organisation-wide defaults bump
-- organizations.training_version. A digest is only used while both versions are the ones it was
-- computed from, so no code path (logging, imports, templates, publishing, a psql session) can forget
-- to invalidate it. Statement-level triggers: a template applied to 40 athletes bumps each once.
-- Hand-written: drizzle-kit does not generate triggers.

CREATE OR REPLACE FUNCTION app.bump_training_version_of_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE athletes a SET training_version = a.training_version + 1
    FROM (SELECT DISTINCT org_id, athlete_id FROM changed) c
    WHERE a.org_id = c.org_id AND a.id = c.athlete_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- An update may (in principle) move a row to another athlete: both sides change.
CREATE OR REPLACE FUNCTION app.bump_training_version_of_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE athletes a SET training_version = a.training_version + 1
    FROM (SELECT org_id, athlete_id FROM changed UNION SELECT org_id, athlete_id FROM changed_before) c
    WHERE a.org_id = c.org_id AND a.id = c.athlete_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['runs', 'planned_sessions', 'planned_weeks']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed
      FOR EACH STATEMENT EXECUTE FUNCTION app.bump_training_version_of_changed()', t || '_bump_training_version_ins', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS changed_before NEW TABLE AS changed
      FOR EACH STATEMENT EXECUTE FUNCTION app.bump_training_version_of_updated()', t || '_bump_training_version_upd', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed
      FOR EACH STATEMENT EXECUTE FUNCTION app.bump_training_version_of_changed()', t || '_bump_training_version_del', t);
  END LOOP;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app.bump_training_version_on_settings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.training_settings IS DISTINCT FROM OLD.training_settings THEN
    NEW.training_version := OLD.training_version + 1;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER athletes_bump_training_version BEFORE UPDATE OF training_settings ON athletes
  FOR EACH ROW EXECUTE FUNCTION app.bump_training_version_on_settings();
--> statement-breakpoint
CREATE TRIGGER organizations_bump_training_version BEFORE UPDATE OF training_settings ON organizations
  FOR EACH ROW EXECUTE FUNCTION app.bump_training_version_on_settings();
--> statement-breakpoint
-- The cache is tenant data like any other (0003).
GRANT SELECT, INSERT, UPDATE, DELETE ON week_digests TO runbalance_app;
--> statement-breakpoint
ALTER TABLE week_digests ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE week_digests FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY week_digests_tenant_isolation ON week_digests AS PERMISSIVE FOR ALL
  USING (org_id = (SELECT app.current_org_id())) WITH CHECK (org_id = (SELECT app.current_org_id()));
