CREATE TABLE "artefacts" (
	"conversation_id" text NOT NULL,
	"kind" text NOT NULL,
	"event_id" uuid NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "artefacts_conversation_id_kind_pk" PRIMARY KEY("conversation_id","kind")
);
--> statement-breakpoint
ALTER TABLE "sync_records" ADD COLUMN "arrival_seq" bigint;--> statement-breakpoint
ALTER TABLE "artefacts" ALTER COLUMN "bytes" SET STORAGE EXTERNAL;
