CREATE TYPE "public"."notification_kind" AS ENUM('comment', 'week_published', 'week_changed', 'run_warning', 'session_missed', 'rpe_pending', 'invitation_accepted');--> statement-breakpoint
CREATE TABLE "notifications" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"recipient_user_id" uuid NOT NULL,
	"kind" "notification_kind" NOT NULL,
	"athlete_id" uuid,
	"actor_user_id" uuid,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"link" text NOT NULL,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "notifications_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_org_id_recipient_user_id_memberships_org_id_user_id_fk" FOREIGN KEY ("org_id","recipient_user_id") REFERENCES "public"."memberships"("org_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_org_id_athlete_id_athletes_org_id_id_fk" FOREIGN KEY ("org_id","athlete_id") REFERENCES "public"."athletes"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_inbox_idx" ON "notifications" USING btree ("org_id","recipient_user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_key" ON "notifications" USING btree ("org_id","recipient_user_id","dedupe_key");--> statement-breakpoint
-- Hand-written: row-level security. Anyone acting in the organisation may record an event for a
-- fellow member (a coach's comment notifies the athlete), but each member reads, marks and deletes
-- only their own inbox. Inserts therefore cannot use RETURNING (the new row is not the writer's).
GRANT SELECT, INSERT, UPDATE, DELETE ON notifications TO runbalance_app;--> statement-breakpoint
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY notifications_record ON notifications AS PERMISSIVE FOR INSERT
  WITH CHECK (org_id = (SELECT app.current_org_id()));--> statement-breakpoint
CREATE POLICY notifications_own ON notifications AS PERMISSIVE FOR ALL
  USING (org_id = (SELECT app.current_org_id()) AND recipient_user_id = (SELECT app.current_user_id()))
  WITH CHECK (org_id = (SELECT app.current_org_id()) AND recipient_user_id = (SELECT app.current_user_id()));
