CREATE TYPE "public"."member_role" AS ENUM('owner', 'coach', 'athlete');--> statement-breakpoint
CREATE TYPE "public"."session_kind" AS ENUM('recovery', 'aerobic', 'long', 'tempo', 'intervals', 'hills', 'race');--> statement-breakpoint
CREATE TYPE "public"."week_status" AS ENUM('draft', 'published');--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"session_version" integer DEFAULT 0 NOT NULL,
	"units" text DEFAULT 'km' NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"week_start_day" smallint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_week_start_day_range" CHECK ("users"."week_start_day" between 0 and 6)
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "member_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "memberships_org_user_key" UNIQUE("org_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"training_settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "athletes" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"display_name" text NOT NULL,
	"training_settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "athletes_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "coach_assignments" (
	"org_id" uuid NOT NULL,
	"athlete_id" uuid NOT NULL,
	"coach_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coach_assignments_org_id_athlete_id_coach_user_id_pk" PRIMARY KEY("org_id","athlete_id","coach_user_id")
);
--> statement-breakpoint
CREATE TABLE "planned_sessions" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"week_id" uuid NOT NULL,
	"athlete_id" uuid NOT NULL,
	"date" date NOT NULL,
	"kind" "session_kind" NOT NULL,
	"duration_min" smallint,
	"distance_m" integer,
	"target_rpe" smallint,
	"description" text DEFAULT '' NOT NULL,
	"position" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "planned_sessions_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "planned_sessions_amount" CHECK ("planned_sessions"."duration_min" is not null or "planned_sessions"."distance_m" is not null),
	CONSTRAINT "planned_sessions_duration_range" CHECK ("planned_sessions"."duration_min" between 1 and 600),
	CONSTRAINT "planned_sessions_distance_range" CHECK ("planned_sessions"."distance_m" between 1 and 300000),
	CONSTRAINT "planned_sessions_target_rpe_range" CHECK ("planned_sessions"."target_rpe" between 1 and 10)
);
--> statement-breakpoint
CREATE TABLE "planned_weeks" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"athlete_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"status" "week_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"published_at" timestamp with time zone,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "planned_weeks_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"athlete_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"local_date" date NOT NULL,
	"kind" "session_kind" NOT NULL,
	"duration_s" integer NOT NULL,
	"distance_m" integer,
	"rpe" smallint NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"private" boolean DEFAULT false NOT NULL,
	"planned_session_id" uuid,
	"source" text DEFAULT 'manual' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "runs_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "runs_duration_range" CHECK ("runs"."duration_s" between 1 and 86400),
	CONSTRAINT "runs_distance_range" CHECK ("runs"."distance_m" between 0 and 300000),
	CONSTRAINT "runs_rpe_range" CHECK ("runs"."rpe" between 1 and 10)
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "athletes" ADD CONSTRAINT "athletes_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "athletes" ADD CONSTRAINT "athletes_org_id_user_id_memberships_org_id_user_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."memberships"("org_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_assignments" ADD CONSTRAINT "coach_assignments_org_id_athlete_id_athletes_org_id_id_fk" FOREIGN KEY ("org_id","athlete_id") REFERENCES "public"."athletes"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_assignments" ADD CONSTRAINT "coach_assignments_org_id_coach_user_id_memberships_org_id_user_id_fk" FOREIGN KEY ("org_id","coach_user_id") REFERENCES "public"."memberships"("org_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_sessions" ADD CONSTRAINT "planned_sessions_org_id_week_id_planned_weeks_org_id_id_fk" FOREIGN KEY ("org_id","week_id") REFERENCES "public"."planned_weeks"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_sessions" ADD CONSTRAINT "planned_sessions_org_id_athlete_id_athletes_org_id_id_fk" FOREIGN KEY ("org_id","athlete_id") REFERENCES "public"."athletes"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_weeks" ADD CONSTRAINT "planned_weeks_org_id_athlete_id_athletes_org_id_id_fk" FOREIGN KEY ("org_id","athlete_id") REFERENCES "public"."athletes"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_org_id_athlete_id_athletes_org_id_id_fk" FOREIGN KEY ("org_id","athlete_id") REFERENCES "public"."athletes"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "memberships_user_idx" ON "memberships" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_slug_key" ON "organizations" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "athletes_org_user_key" ON "athletes" USING btree ("org_id","user_id");--> statement-breakpoint
CREATE INDEX "coach_assignments_coach_idx" ON "coach_assignments" USING btree ("org_id","coach_user_id");--> statement-breakpoint
CREATE INDEX "planned_sessions_athlete_date_idx" ON "planned_sessions" USING btree ("org_id","athlete_id","date");--> statement-breakpoint
CREATE INDEX "planned_sessions_week_idx" ON "planned_sessions" USING btree ("org_id","week_id");--> statement-breakpoint
CREATE UNIQUE INDEX "planned_weeks_athlete_week_key" ON "planned_weeks" USING btree ("org_id","athlete_id","week_start");--> statement-breakpoint
CREATE INDEX "runs_athlete_date_idx" ON "runs" USING btree ("org_id","athlete_id","local_date");