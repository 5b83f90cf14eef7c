CREATE TABLE "erasure_tombstones" (
	"subject_digest" text PRIMARY KEY NOT NULL,
	"erased_at" timestamp with time zone DEFAULT now() NOT NULL
);
