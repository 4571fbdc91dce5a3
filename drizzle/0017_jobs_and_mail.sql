CREATE TABLE "mail_deliveries" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"recipient_user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"accepted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mail_deliveries_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "app_private"."queue_workers" (
	"worker_id" text PRIMARY KEY NOT NULL,
	"application_name" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "mail_preferences" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_deliveries" ADD CONSTRAINT "mail_deliveries_org_id_recipient_user_id_memberships_org_id_user_id_fk" FOREIGN KEY ("org_id","recipient_user_id") REFERENCES "public"."memberships"("org_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mail_deliveries_idempotency_key" ON "mail_deliveries" USING btree ("org_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "mail_deliveries_recipient_idx" ON "mail_deliveries" USING btree ("org_id","recipient_user_id","created_at");--> statement-breakpoint
-- Hand-written: grants, row-level security and the functions of the job queue and of mail (ADR 017).
-- mail_deliveries: written by the queue's worker (the owner's login, acting as the recipient);
-- each member reads only their own, like notifications.
GRANT SELECT, INSERT, UPDATE, DELETE ON mail_deliveries TO runbalance_app;--> statement-breakpoint
ALTER TABLE mail_deliveries ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE mail_deliveries FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY mail_deliveries_own ON mail_deliveries AS PERMISSIVE FOR ALL
  USING (org_id = (SELECT app.current_org_id()) AND recipient_user_id = (SELECT app.current_user_id()))
  WITH CHECK (org_id = (SELECT app.current_org_id()) AND recipient_user_id = (SELECT app.current_user_id()));--> statement-breakpoint
-- A member reads and changes their own mail preferences (users_self admits only their own row).
GRANT SELECT (mail_preferences), UPDATE (mail_preferences) ON users TO runbalance_app;--> statement-breakpoint
REVOKE ALL ON app_private.queue_workers FROM PUBLIC;--> statement-breakpoint
-- The app enqueues a job in the transaction of the change (a rolled-back change enqueues nothing),
-- but never touches the queue's tables: only named jobs, only for the organisation of its context.
-- graphile_worker's schema is installed by src/server/db/migrate.ts right after these migrations.
CREATE FUNCTION app.enqueue_job(p_identifier text, p_payload jsonb, p_job_key text)
  RETURNS void LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF p_identifier NOT IN ('notification-mail') THEN
    RAISE EXCEPTION 'unknown job %', p_identifier USING ERRCODE = '22023';
  END IF;
  IF app.current_org_id() IS NULL OR (p_payload ->> 'orgId') IS DISTINCT FROM app.current_org_id()::text THEN
    RAISE EXCEPTION 'a job names the organisation of its context' USING ERRCODE = '42501';
  END IF;
  PERFORM graphile_worker.add_job(p_identifier, p_payload::json, job_key => p_job_key, max_attempts => 10);
END $$;
--> statement-breakpoint
-- Unsubscribe links: "<user>.<kind>.<mac>", an HMAC under the context key, so a link works without
-- signing in, for that recipient and that kind of mail only, and cannot be made for anybody else.
CREATE FUNCTION app_private.unsubscribe_mac(p_user uuid, p_kind text) RETURNS text LANGUAGE sql STABLE
  SET search_path = pg_catalog, pg_temp AS $$
  SELECT encode(sha256(k.outer_pad || sha256(k.inner_pad || convert_to(concat_ws('|', 'runbalance-unsubscribe-v1',
           p_user::text, p_kind), 'UTF8'))), 'hex')
  FROM app_private.context_key k
$$;
--> statement-breakpoint
CREATE FUNCTION app_private.unsubscribe_token(p_user uuid, p_kind text) RETURNS text LANGUAGE sql STABLE
  SET search_path = pg_catalog, pg_temp AS $$
  SELECT p_user::text || '.' || p_kind || '.' || app_private.unsubscribe_mac(p_user, p_kind)
$$;
--> statement-breakpoint
CREATE FUNCTION app_private.unsubscribe_target(p_token text) RETURNS TABLE (user_id uuid, kind text)
  LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_parts text[] := string_to_array(coalesce(p_token, ''), '.');
BEGIN
  IF array_length(v_parts, 1) IS DISTINCT FROM 3 OR v_parts[1] !~ '^[0-9a-f-]{36}$' OR v_parts[2] !~ '^[a-z_]{1,40}$' THEN
    RETURN;
  END IF;
  IF app_private.unsubscribe_mac(v_parts[1]::uuid, v_parts[2]) = v_parts[3] THEN
    RETURN QUERY SELECT v_parts[1]::uuid, v_parts[2];
  END IF;
END $$;
--> statement-breakpoint
-- What the confirmation page shows: the kind of mail and a masked address (nothing else of the account).
CREATE FUNCTION app.unsubscribe_preview(p_token text) RETURNS TABLE (kind text, email_hint text, unsubscribed boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT t.kind, left(u.email, 1) || '…@' || split_part(u.email, '@', 2),
         coalesce(u.mail_preferences ->> t.kind, '') = 'never'
  FROM app_private.unsubscribe_target(p_token) t JOIN public.users u ON u.id = t.user_id
$$;
--> statement-breakpoint
CREATE FUNCTION app.unsubscribe(p_token text) RETURNS text
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  UPDATE public.users u SET mail_preferences = u.mail_preferences || jsonb_build_object(t.kind, 'never')
  FROM app_private.unsubscribe_target(p_token) t WHERE u.id = t.user_id
  RETURNING t.kind
$$;
--> statement-breakpoint
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA app_private FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION app.enqueue_job(text, jsonb, text), app.unsubscribe_preview(text), app.unsubscribe(text) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.enqueue_job(text, jsonb, text), app.unsubscribe_preview(text), app.unsubscribe(text) TO runbalance_app;
--> statement-breakpoint
-- The queue's scheduler (the owner's login, which owns these tables and could disable their security
-- anyway) lists every membership once an hour to find whose 07:00 Monday it is; the app's role is not
-- concerned. Each job then acts inside one organisation, as one member (app.act_as).
CREATE POLICY memberships_job_scheduler ON memberships AS PERMISSIVE FOR SELECT TO CURRENT_USER USING (true);
