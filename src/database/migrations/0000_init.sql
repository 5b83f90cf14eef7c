CREATE TABLE "booking_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"thread_id" text NOT NULL,
	"direction" text NOT NULL,
	"body" text NOT NULL,
	"phone" text NOT NULL,
	"event_id" uuid,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "booking_threads" (
	"thread_id" text PRIMARY KEY NOT NULL,
	"phone" text NOT NULL,
	"contact_id" text,
	"last_message_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calls" (
	"conversation_id" text PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"candidate_first_name" text NOT NULL,
	"candidate_last_name" text NOT NULL,
	"company_name" text NOT NULL,
	"to_number" text,
	"mode" text NOT NULL,
	"status" text NOT NULL,
	"request" jsonb NOT NULL,
	"timeline" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"results" jsonb,
	"artefacts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_packages" (
	"campaign_id" text PRIMARY KEY NOT NULL,
	"package_id" uuid NOT NULL,
	"company_name" text NOT NULL,
	"source_hash" text NOT NULL,
	"question_count" integer NOT NULL,
	"content" jsonb NOT NULL,
	"upload_status" text DEFAULT 'disabled' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"source" text NOT NULL,
	"type" text NOT NULL,
	"dedup_key" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"processing_ms" integer,
	"processed_at" timestamp with time zone,
	"outcome" jsonb,
	"payload" jsonb NOT NULL,
	"request_id" text,
	"counts_in_stats" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" text NOT NULL,
	"response_status" integer,
	"response_body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_records" (
	"source" text NOT NULL,
	"table_name" text NOT NULL,
	"record_id" text NOT NULL,
	"data" jsonb,
	"deleted" boolean DEFAULT false NOT NULL,
	"verified" boolean DEFAULT false NOT NULL,
	"source_updated_at" timestamp with time zone,
	"last_event_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_records_source_table_name_record_id_pk" PRIMARY KEY("source","table_name","record_id")
);
--> statement-breakpoint
ALTER TABLE "booking_messages" ADD CONSTRAINT "booking_messages_thread_id_booking_threads_thread_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."booking_threads"("thread_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_messages_thread_idx" ON "booking_messages" USING btree ("thread_id","id");--> statement-breakpoint
CREATE INDEX "calls_campaign_idx" ON "calls" USING btree ("campaign_id");--> statement-breakpoint
CREATE UNIQUE INDEX "events_dedup_key_uq" ON "events" USING btree ("dedup_key");--> statement-breakpoint
CREATE UNIQUE INDEX "events_seq_uq" ON "events" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "events_source_status_idx" ON "events" USING btree ("source","status");