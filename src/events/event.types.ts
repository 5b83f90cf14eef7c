import type { AppTransaction } from '../database/database.service';
import type { SqlExecutor } from '../database/sql-executor';
import type { events } from '../database/schema';

export type EventRow = typeof events.$inferSelect;
export type EventStatus = EventRow['status'];

/** Bytes that commit with their event (post-call transcription, audio, failure). */
export interface ArtefactInput {
  conversationId: string;
  kind: 'transcription' | 'audio' | 'failure';
  contentType: string;
  bytes: Buffer;
}

export interface RecordEventInput {
  source: string;
  type: string;
  /** Unique per logical event: a redelivery carries the same key and is recognised. */
  dedupKey: string;
  payload: unknown;
  requestId?: string;
  /** Received headers, redacted; taken from the request in progress when not given. */
  headers?: Record<string, string>;
  /** What the event concerns: record id, conversation id, thread id or campaign id. */
  subject?: string;
  /** Queue that processes the event; the job is enqueued in the same transaction. */
  queue?: string;
  /** Initial status, e.g. `processed` for events handled inline before the answer. */
  status?: EventStatus;
  processingMs?: number;
  outcome?: Record<string, unknown>;
  countsInStats?: boolean;
  /** Commit in arrival order relative to other ordered events (ids follow commit order). */
  ordered?: boolean;
  /** Stored with the event in the same transaction (only when the event is new). */
  artefact?: ArtefactInput;
  /** Extra writes that must commit with the event (and only when it is new). */
  onInsert?: (tx: AppTransaction, eventId: string, executor: SqlExecutor) => Promise<void>;
}

export interface RecordedEvent {
  id: string;
  /** Arrival order (the event's seq). */
  seq: number;
  duplicate: boolean;
  status: EventStatus;
  receivedAt: Date;
}

/** The queues processed straight from the events table (event-queue.service.ts), as ingest sees them. */
export interface TableQueues {
  has(queue: string): boolean;
  nudge(queue: string): void;
}
