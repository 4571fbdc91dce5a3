CREATE TABLE "week_digests" (
	"org_id" uuid NOT NULL,
	"athlete_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"as_of" date,
	"athlete_version" integer NOT NULL,
	"org_version" integer NOT NULL,
	"digest" json NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "week_digests_org_id_athlete_id_week_start_pk" PRIMARY KEY("org_id","athlete_id","week_start")
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "training_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "athletes" ADD COLUMN "training_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "week_digests" ADD CONSTRAINT "week_digests_org_id_athlete_id_athletes_org_id_id_fk" FOREIGN KEY ("org_id","athlete_id") REFERENCES "public"."athletes"("org_id","id") ON DELETE cascade ON UPDATE no action;