DROP TABLE "login_attempts" CASCADE;--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "session_version";