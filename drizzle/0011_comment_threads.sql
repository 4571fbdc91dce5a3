CREATE TABLE "comment_reads" (
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"athlete_id" uuid NOT NULL,
	"thread" text NOT NULL,
	"read_up_to" timestamp with time zone NOT NULL,
	CONSTRAINT "comment_reads_org_id_user_id_athlete_id_thread_pk" PRIMARY KEY("org_id","user_id","athlete_id","thread")
);
--> statement-breakpoint
ALTER TABLE "comment_reads" ADD CONSTRAINT "comment_reads_org_id_athlete_id_athletes_org_id_id_fk" FOREIGN KEY ("org_id","athlete_id") REFERENCES "public"."athletes"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_reads" ADD CONSTRAINT "comment_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Hand-written: row-level security as for every tenant table, and narrower still: a member reads
-- and moves only their own read marks (nobody learns what a colleague has read).
GRANT SELECT, INSERT, UPDATE, DELETE ON comment_reads TO runbalance_app;--> statement-breakpoint
ALTER TABLE comment_reads ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE comment_reads FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY comment_reads_own ON comment_reads AS PERMISSIVE FOR ALL
  USING (org_id = (SELECT app.current_org_id()) AND user_id = (SELECT app.current_user_id()))
  WITH CHECK (org_id = (SELECT app.current_org_id()) AND user_id = (SELECT app.current_user_id()));--> statement-breakpoint
-- Threads are read by run and by week.
CREATE INDEX comments_run_idx ON comments (org_id, run_id) WHERE run_id IS NOT NULL;
