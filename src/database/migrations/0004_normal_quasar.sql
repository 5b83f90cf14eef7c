CREATE TABLE "artefact_parts" (
	"conversation_id" text NOT NULL,
	"kind" text NOT NULL,
	"part" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "artefact_parts_conversation_id_kind_part_pk" PRIMARY KEY("conversation_id","kind","part")
);
--> statement-breakpoint
ALTER TABLE "artefacts" ADD COLUMN "parts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "artefact_parts" ADD CONSTRAINT "artefact_parts_conversation_id_kind_artefacts_conversation_id_kind_fk" FOREIGN KEY ("conversation_id","kind") REFERENCES "public"."artefacts"("conversation_id","kind") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "artefact_parts" ALTER COLUMN "bytes" SET STORAGE EXTERNAL;