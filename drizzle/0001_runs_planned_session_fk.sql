-- A run may name the planned session it fulfils. Deleting that session keeps the run and clears the
-- link only: the column list on SET NULL (PostgreSQL 15+) leaves org_id untouched.
-- drizzle-kit cannot express a column list here, so this constraint is written by hand.
ALTER TABLE "runs" ADD CONSTRAINT "runs_planned_session_fk"
  FOREIGN KEY ("org_id", "planned_session_id") REFERENCES "planned_sessions" ("org_id", "id")
  ON DELETE SET NULL ("planned_session_id");
--> statement-breakpoint
CREATE INDEX "runs_planned_session_idx" ON "runs" ("org_id", "planned_session_id") WHERE "planned_session_id" IS NOT NULL;
