CREATE TYPE "public"."race_priority" AS ENUM('A', 'B', 'C');--> statement-breakpoint
CREATE TABLE "races" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"athlete_id" uuid NOT NULL,
	"name" text NOT NULL,
	"date" date NOT NULL,
	"distance_m" integer NOT NULL,
	"priority" "race_priority" DEFAULT 'B' NOT NULL,
	"goal_time_s" integer,
	"result_time_s" integer,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "races_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "races_name_length" CHECK (char_length("races"."name") between 1 and 120),
	CONSTRAINT "races_distance_range" CHECK ("races"."distance_m" between 100 and 1000000),
	CONSTRAINT "races_goal_range" CHECK ("races"."goal_time_s" between 1 and 1209600),
	CONSTRAINT "races_result_range" CHECK ("races"."result_time_s" between 1 and 1209600),
	CONSTRAINT "races_note_length" CHECK (char_length("races"."note") <= 2000)
);
--> statement-breakpoint
CREATE TABLE "training_phases" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"athlete_id" uuid NOT NULL,
	"name" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_phases_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "training_phases_name_length" CHECK (char_length("training_phases"."name") between 1 and 60),
	CONSTRAINT "training_phases_dates" CHECK ("training_phases"."start_date" <= "training_phases"."end_date")
);
--> statement-breakpoint
ALTER TABLE "races" ADD CONSTRAINT "races_org_id_athlete_id_athletes_org_id_id_fk" FOREIGN KEY ("org_id","athlete_id") REFERENCES "public"."athletes"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_phases" ADD CONSTRAINT "training_phases_org_id_athlete_id_athletes_org_id_id_fk" FOREIGN KEY ("org_id","athlete_id") REFERENCES "public"."athletes"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "races_athlete_date_idx" ON "races" USING btree ("org_id","athlete_id","date");--> statement-breakpoint
CREATE INDEX "training_phases_athlete_start_idx" ON "training_phases" USING btree ("org_id","athlete_id","start_date");--> statement-breakpoint
-- Hand-written: what drizzle-kit cannot express.
-- Phases of one athlete never overlap, whoever writes them (ADR 016): an exclusion constraint on the
-- inclusive date range. btree_gist lets the gist index compare org_id and athlete_id by equality; it
-- is a trusted extension, so the database owner may create it.
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
ALTER TABLE training_phases ADD CONSTRAINT training_phases_no_overlap EXCLUDE USING gist
  (org_id WITH =, athlete_id WITH =, daterange(start_date, end_date, '[]') WITH &&);--> statement-breakpoint
-- A phase's targets judge its weeks: adding, changing or deleting one invalidates the athlete's cached
-- week digests (0007), by the same statement-level triggers as runs and planned sessions.
CREATE TRIGGER training_phases_bump_training_version_ins AFTER INSERT ON training_phases
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION app.bump_training_version_of_changed();--> statement-breakpoint
CREATE TRIGGER training_phases_bump_training_version_upd AFTER UPDATE ON training_phases
  REFERENCING OLD TABLE AS changed_before NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION app.bump_training_version_of_updated();--> statement-breakpoint
CREATE TRIGGER training_phases_bump_training_version_del AFTER DELETE ON training_phases
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION app.bump_training_version_of_changed();--> statement-breakpoint
-- Tenant data like any other (0003).
GRANT SELECT, INSERT, UPDATE, DELETE ON races, training_phases TO runbalance_app;--> statement-breakpoint
ALTER TABLE races ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE races FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY races_tenant_isolation ON races AS PERMISSIVE FOR ALL
  USING (org_id = (SELECT app.current_org_id())) WITH CHECK (org_id = (SELECT app.current_org_id()));--> statement-breakpoint
ALTER TABLE training_phases ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE training_phases FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY training_phases_tenant_isolation ON training_phases AS PERMISSIVE FOR ALL
  USING (org_id = (SELECT app.current_org_id())) WITH CHECK (org_id = (SELECT app.current_org_id()));
