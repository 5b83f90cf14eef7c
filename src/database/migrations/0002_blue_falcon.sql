CREATE TABLE "alert_state" (
	"source" text PRIMARY KEY NOT NULL,
	"failing" boolean DEFAULT false NOT NULL,
	"last_sent_at" timestamp with time zone,
	"pending_dead" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"action" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_digest" text NOT NULL,
	"details" jsonb NOT NULL,
	"request_id" text
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "headers" jsonb;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "subject" text;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "attempt_log" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "last_attempt_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "events_subject_idx" ON "events" USING btree ("subject");--> statement-breakpoint
CREATE INDEX "events_received_at_idx" ON "events" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "events_last_attempt_idx" ON "events" USING btree ("last_attempt_at");