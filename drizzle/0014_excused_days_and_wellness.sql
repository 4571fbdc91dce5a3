CREATE TYPE "public"."excuse_reason" AS ENUM('ill', 'injured', 'travelling', 'unavailable');--> statement-breakpoint
CREATE TABLE "excused_days" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"athlete_id" uuid NOT NULL,
	"date" date NOT NULL,
	"reason" "excuse_reason" NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "excused_days_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "excused_days_note_length" CHECK (length("excused_days"."note") <= 500)
);
--> statement-breakpoint
CREATE TABLE "wellness_checkins" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"athlete_id" uuid NOT NULL,
	"date" date NOT NULL,
	"sleep" smallint NOT NULL,
	"soreness" smallint NOT NULL,
	"stress" smallint NOT NULL,
	"mood" smallint NOT NULL,
	"resting_hr" smallint,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wellness_checkins_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "wellness_checkins_scores" CHECK ("wellness_checkins"."sleep" between 1 and 5 and "wellness_checkins"."soreness" between 1 and 5 and "wellness_checkins"."stress" between 1 and 5 and "wellness_checkins"."mood" between 1 and 5),
	CONSTRAINT "wellness_checkins_resting_hr" CHECK ("wellness_checkins"."resting_hr" between 25 and 150),
	CONSTRAINT "wellness_checkins_note_length" CHECK (length("wellness_checkins"."note") <= 500)
);
--> statement-breakpoint
ALTER TABLE "excused_days" ADD CONSTRAINT "excused_days_org_id_athlete_id_athletes_org_id_id_fk" FOREIGN KEY ("org_id","athlete_id") REFERENCES "public"."athletes"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wellness_checkins" ADD CONSTRAINT "wellness_checkins_org_id_athlete_id_athletes_org_id_id_fk" FOREIGN KEY ("org_id","athlete_id") REFERENCES "public"."athletes"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "excused_days_athlete_date_key" ON "excused_days" USING btree ("org_id","athlete_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "wellness_checkins_athlete_date_key" ON "wellness_checkins" USING btree ("org_id","athlete_id","date");--> statement-breakpoint
-- Hand-written: row-level security like every tenant table (0003), and excused days feed the rules
-- engine, so changing one bumps the athlete's training version and invalidates their cached week
-- digests (0007's trigger functions; statement-level, one bump per athlete).
GRANT SELECT, INSERT, UPDATE, DELETE ON excused_days TO runbalance_app;--> statement-breakpoint
ALTER TABLE excused_days ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE excused_days FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY excused_days_tenant_isolation ON excused_days AS PERMISSIVE FOR ALL
  USING (org_id = (SELECT app.current_org_id())) WITH CHECK (org_id = (SELECT app.current_org_id()));--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON wellness_checkins TO runbalance_app;--> statement-breakpoint
ALTER TABLE wellness_checkins ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE wellness_checkins FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY wellness_checkins_tenant_isolation ON wellness_checkins AS PERMISSIVE FOR ALL
  USING (org_id = (SELECT app.current_org_id())) WITH CHECK (org_id = (SELECT app.current_org_id()));--> statement-breakpoint
CREATE TRIGGER excused_days_bump_training_version_ins AFTER INSERT ON excused_days REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION app.bump_training_version_of_changed();--> statement-breakpoint
CREATE TRIGGER excused_days_bump_training_version_upd AFTER UPDATE ON excused_days
  REFERENCING OLD TABLE AS changed_before NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION app.bump_training_version_of_updated();--> statement-breakpoint
CREATE TRIGGER excused_days_bump_training_version_del AFTER DELETE ON excused_days REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION app.bump_training_version_of_changed();
