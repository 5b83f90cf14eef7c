// Erasure is final: what an erasure removed is not written again by work that began before it
// (a job that had already read its event, a retry, a replay, a mirror write). The erasure and
// every writer of a person's data take the same per-subject lock (a transaction-scoped advisory
// lock, on PostgreSQL and PGlite alike); the erasure leaves a tombstone (`erasure_tombstones`,
// the subject's SHA-256 and when), and a writer whose event was received before the tombstone
// writes nothing. Plain functions over a Queryable (platform), so every feature's writers use them.
import { sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import type { Queryable } from './database.service';
import { rowsOf } from './query-result';

/** SHA-256 of a subject id (hex): what the audit log and the tombstones keep instead of the id. */
export function subjectDigest(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/**
 * Takes the subjects' locks until the transaction ends, in one order (sorted), so two writers
 * of overlapping subjects wait for each other instead of deadlocking.
 */
export async function lockSubjects(tx: Queryable, ids: readonly string[]): Promise<void> {
  const sorted = [...new Set(ids)].sort();
  if (sorted.length === 0) return;
  await tx.execute(sql`
    SELECT count(pg_advisory_xact_lock(hashtextextended('subject:' || s.id, 0)))
      FROM (SELECT id FROM jsonb_array_elements_text(${JSON.stringify(sorted)}::jsonb)
              WITH ORDINALITY AS e(id, n) ORDER BY n) AS s`);
}

/** Records the erasure of a subject (inside the erasure's transaction, under its lock). */
export async function addTombstone(tx: Queryable, id: string): Promise<void> {
  await tx.execute(sql`
    INSERT INTO erasure_tombstones (subject_digest) VALUES (${subjectDigest(id)})
    ON CONFLICT (subject_digest) DO UPDATE SET erased_at = now()`);
}

/**
 * Whether the subject was erased at or after `receivedAt` (when the event a writer works for
 * arrived): such a writer must not write. An event received after the erasure (the person came
 * back) is not affected.
 */
export async function erasedSince(q: Queryable, id: string, receivedAt: Date): Promise<boolean> {
  const rows = rowsOf<{ erased: boolean }>(
    await q.execute(sql`
      SELECT EXISTS (SELECT 1 FROM erasure_tombstones
        WHERE subject_digest = ${subjectDigest(id)}
          AND erased_at >= ${receivedAt.toISOString()}::timestamptz) AS erased`),
  );
  return rows[0]?.erased === true;
}

/** The SQL condition "erased since" for a statement that filters many subjects at once. */
export const TOMBSTONE_CONDITION = (digestColumn: string, receivedAtColumn: string) =>
  `EXISTS (SELECT 1 FROM erasure_tombstones t
     WHERE t.subject_digest = ${digestColumn} AND t.erased_at >= ${receivedAtColumn})`;
