// The group-committed write as ONE statement: the batch's events, their artefact bytes and their
// jobs go to the database as a single JSON parameter and are inserted by data-modifying CTEs.
// One round trip instead of five (BEGIN, three INSERTs, COMMIT), atomic without a transaction
// block, and on PostgreSQL a named statement parsed once per connection, so no SQL is built per
// request. Redelivered keys (rare) are looked up by a second statement, only when there are any:
// a named statement's plan is cached per connection, and one that also joined the batch's keys
// against `events` was planned while the table was small (a fresh database; PostgreSQL replans
// only after autoanalyze) and kept scanning the whole table on every batch.
//
// Events of an events-table queue (event-queue.service.ts) are their own job: the row carries
// its queue. Other queued events get a pg-boss job row.
// The job rows follow pg-boss 10's own `insertJobs` (plans.js) for a job sent with no options:
// every setting from its queue row, pg-boss's fallbacks otherwise. job-leases.ts already works
// on pgboss.job directly; a pg-boss major upgrade has to revisit both.
import type { SqlExecutor } from '../database/sql-executor';
import { ARTEFACT_PART_BYTES } from './artefacts.repository';
import type {
  ArtefactInput,
  EventStatus,
  RecordedEvent,
  RecordEventInput,
  TableQueues,
} from './event.types';

/** Artefacts above this size take the transaction path, which writes them in slices. */
export const MAX_INLINE_ARTEFACT_BYTES = ARTEFACT_PART_BYTES;

const INGEST_SQL = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb -> 'events') AS i(
    ord int, source text, type text, dedup_key text, payload jsonb, request_id text,
    status text, processing_ms int, outcome jsonb, counts_in_stats boolean, headers jsonb,
    subject text, queue text, table_queue boolean)
),
inserted AS (
  INSERT INTO events (source, type, dedup_key, payload, request_id, status, attempts,
    processing_ms, processed_at, outcome, counts_in_stats, headers, subject, queue)
  SELECT source, type, dedup_key, payload, request_id, status,
    CASE WHEN status = 'processed' THEN 1 ELSE 0 END, processing_ms,
    CASE WHEN status = 'processed' THEN now() END, outcome, counts_in_stats, headers, subject,
    CASE WHEN table_queue THEN queue END
  FROM input ORDER BY ord
  ON CONFLICT (dedup_key) DO NOTHING
  RETURNING id, seq, dedup_key, status, received_at
),
stored AS (
  INSERT INTO artefacts (conversation_id, kind, event_id, content_type, size_bytes, bytes)
  SELECT DISTINCT ON (a.conversation_id, a.kind) a.conversation_id, a.kind, ins.id,
    a.content_type, a.size_bytes, decode(a.bytes, 'base64')
  FROM jsonb_to_recordset($1::jsonb -> 'artefacts') AS a(
    ord int, dedup_key text, conversation_id text, kind text, content_type text,
    size_bytes int, bytes text)
  JOIN inserted ins ON ins.dedup_key = a.dedup_key
  ORDER BY a.conversation_id, a.kind, a.ord DESC
  ON CONFLICT (conversation_id, kind) DO UPDATE SET event_id = excluded.event_id,
    content_type = excluded.content_type, size_bytes = excluded.size_bytes,
    bytes = excluded.bytes, parts = 0, created_at = now()
  RETURNING conversation_id, kind
),
unparted AS (
  DELETE FROM artefact_parts p USING stored s
  WHERE p.conversation_id = s.conversation_id AND p.kind = s.kind
),
jobs AS (
  INSERT INTO pgboss.job (id, name, data, priority, start_after, singleton_key, singleton_on,
    dead_letter, expire_in, keep_until, retry_limit, retry_delay, retry_backoff, policy)
  SELECT gen_random_uuid(), q.name, jsonb_build_object('eventId', ins.id), 0, now(), NULL, NULL,
    q.dead_letter,
    COALESCE(q.expire_seconds * interval '1s', interval '15 minutes'),
    now() + CAST(COALESCE((q.retention_minutes * 60)::text, '14 days') AS interval),
    COALESCE(q.retry_limit, 2),
    CASE WHEN COALESCE(q.retry_backoff, false) THEN GREATEST(q.retry_delay, 1)
      ELSE COALESCE(q.retry_delay, 0) END,
    COALESCE(q.retry_backoff, false), q.policy
  FROM inserted ins
  JOIN input i ON i.dedup_key = ins.dedup_key AND i.queue IS NOT NULL AND NOT i.table_queue
  JOIN pgboss.queue q ON q.name = i.queue
  ON CONFLICT DO NOTHING
)
SELECT id, seq, dedup_key, status, received_at FROM inserted`;

/** A row of the answer: a new event, or the stored one a redelivered key refers to. */
interface IngestedRow {
  id: string;
  seq: number;
  dedupKey: string;
  status: EventStatus;
  receivedAt: Date;
}

/** Whether a batch can go as one statement (no per-event hook, no large artefact). */
export function fitsOneStatement(inputs: RecordEventInput[]): boolean {
  return inputs.every(
    (input) =>
      !input.onInsert &&
      (!input.artefact || input.artefact.bytes.length <= MAX_INLINE_ARTEFACT_BYTES),
  );
}

const FIND_SQL = `SELECT id, seq, dedup_key, status, received_at FROM events
WHERE dedup_key = ANY($1::text[])`;

/**
 * Writes the batch in one statement; answers per input its event, new or (for a key stored
 * before, or repeated within the batch) the one already there.
 */
export async function writeInOneStatement(
  executor: SqlExecutor,
  inputs: RecordEventInput[],
  tableQueues: Pick<TableQueues, 'has'>,
): Promise<RecordedEvent[]> {
  const fresh = await ingest(executor, inputs, tableQueues);
  // Keys stored before (or by a concurrent statement, whose row this statement's snapshot did
  // not see): their rows, by a second statement that sees every committed one.
  const existing = new Map<string, IngestedRow>();
  const missing = inputs.map((i) => i.dedupKey).filter((k) => !fresh.has(k));
  if (missing.length > 0) {
    const { rows } = await executor.executeSql(FIND_SQL, [missing]);
    for (const row of rows.map(toRow)) existing.set(row.dedupKey, row);
  }
  const claimed = new Set<string>();
  return inputs.map((input) => {
    const row = fresh.get(input.dedupKey);
    const isNew = row !== undefined && !claimed.has(input.dedupKey);
    claimed.add(input.dedupKey);
    const event = row ?? existing.get(input.dedupKey);
    if (!event) throw new Error(`a ${input.source} event neither inserted nor found`);
    const { id, seq, status, receivedAt } = event;
    return { id, seq, duplicate: !isNew, status, receivedAt };
  });
}

const toRow = (row: Record<string, unknown>): IngestedRow => ({
  id: row.id as string,
  seq: Number(row.seq),
  dedupKey: row.dedup_key as string,
  status: row.status as EventStatus,
  receivedAt:
    row.received_at instanceof Date ? row.received_at : new Date(row.received_at as string),
});

/**
 * The statement: answers the new rows by key. Only the first input of a key carries its
 * artefact and job; later ones in the batch are duplicates.
 */
async function ingest(
  executor: SqlExecutor,
  inputs: RecordEventInput[],
  tableQueues: Pick<TableQueues, 'has'>,
): Promise<Map<string, IngestedRow>> {
  const seen = new Set<string>();
  const artefacts: {
    ord: number;
    dedup_key: string;
    conversation_id: string;
    kind: ArtefactInput['kind'];
    content_type: string;
    size_bytes: number;
    /** base64, decoded by the statement. */
    bytes: string;
  }[] = [];
  const events = inputs.map((input, ord) => {
    const first = !seen.has(input.dedupKey);
    seen.add(input.dedupKey);
    if (first && input.artefact)
      artefacts.push({
        ord,
        dedup_key: input.dedupKey,
        conversation_id: input.artefact.conversationId,
        kind: input.artefact.kind,
        content_type: input.artefact.contentType,
        size_bytes: input.artefact.bytes.length,
        bytes: input.artefact.bytes.toString('base64'),
      });
    return {
      ord,
      source: input.source,
      type: input.type,
      dedup_key: input.dedupKey,
      payload: input.payload ?? null,
      request_id: input.requestId,
      status: input.status ?? 'received',
      processing_ms: input.processingMs,
      outcome: input.outcome,
      counts_in_stats: input.countsInStats ?? true,
      headers: input.headers,
      subject: input.subject,
      queue: first ? input.queue : undefined,
      table_queue: input.queue !== undefined && tableQueues.has(input.queue),
    };
  });
  const { rows } = await executor.executeSql(
    INGEST_SQL,
    [JSON.stringify({ events, artefacts })],
    'events_ingest',
  );
  const fresh = new Map<string, IngestedRow>();
  for (const row of rows) fresh.set(row.dedup_key as string, toRow(row));
  return fresh;
}
