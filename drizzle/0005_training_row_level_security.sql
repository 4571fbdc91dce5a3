-- Row-level security for the tables added in 0004, exactly as 0003 does for the first ones.
GRANT SELECT, INSERT, UPDATE, DELETE ON week_templates, comments, idempotency_keys, calendar_feeds, run_imports TO runbalance_app;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['week_templates', 'comments', 'idempotency_keys', 'calendar_feeds', 'run_imports']
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
-- A calendar app fetching the feed has no session: the feed's token is the capability, and lets
-- exactly its own row through (like invitations_by_token).
CREATE POLICY calendar_feeds_by_token ON calendar_feeds AS PERMISSIVE FOR SELECT
  USING (token_hash = nullif(current_setting('app.calendar_token_hash', true), ''));
