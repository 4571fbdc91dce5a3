ALTER TABLE "runs" ADD COLUMN "laps" jsonb;--> statement-breakpoint
ALTER TABLE "run_imports" ADD COLUMN "laps" jsonb DEFAULT '[]'::jsonb NOT NULL;