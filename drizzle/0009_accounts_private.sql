CREATE SCHEMA "app_private";
--> statement-breakpoint
CREATE TABLE "app_private"."auth_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action" text NOT NULL,
	"account" text NOT NULL,
	"address" text NOT NULL,
	"succeeded" boolean NOT NULL,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app_private"."sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "app_private"."sign_up_requests" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"organisation_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "app_private"."sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "auth_attempts_account_idx" ON "app_private"."auth_attempts" USING btree ("action","account","attempted_at");--> statement-breakpoint
CREATE INDEX "auth_attempts_address_idx" ON "app_private"."auth_attempts" USING btree ("action","address","attempted_at");--> statement-breakpoint
CREATE INDEX "auth_attempts_time_idx" ON "app_private"."auth_attempts" USING btree ("attempted_at");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "app_private"."sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "app_private"."sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "sign_up_requests_email_idx" ON "app_private"."sign_up_requests" USING btree ("email");