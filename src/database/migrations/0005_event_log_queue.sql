ALTER TABLE "events" ADD COLUMN "queue" text;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "available_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "claimed_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "claim_token" uuid;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "tries" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "events_claimable_idx" ON "events" USING btree ("queue","available_at") WHERE queue IS NOT NULL AND status IN ('received', 'processing', 'failed');--> statement-breakpoint
-- hand-written: post-call and sync events are processed from the events table now. Their
-- unfinished events join its queue (available at once, retries counted on), and the pg-boss
-- jobs that carried them are dropped so that nothing runs them twice.
UPDATE "events" SET "queue" = CASE "source" WHEN 'elevenlabs' THEN 'post-call.process' ELSE 'sync.process' END
WHERE "source" IN ('elevenlabs', 'supabase', 'notion') AND "status" IN ('received', 'processing', 'failed');--> statement-breakpoint
DO $$ BEGIN
  IF to_regclass('pgboss.job') IS NOT NULL THEN
    UPDATE events e SET tries = j.retry_count
      FROM pgboss.job j
     WHERE j.name IN ('post-call.process', 'sync.process') AND j.state IN ('created', 'retry', 'active')
       AND e.id = (j.data->>'eventId')::uuid;
    DELETE FROM pgboss.job WHERE name IN ('post-call.process', 'sync.process')
       AND state IN ('created', 'retry', 'active');
  END IF;
END $$;
