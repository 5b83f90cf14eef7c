import type { AppTransaction } from '../database/database.service';
import type { SqlExecutor } from '../database/sql-executor';
import type { events } from '../database/schema';

export type EventRow = typeof events.$inferSelect;
export type EventStatus = EventRow['status'];

export interface RecordEventInput {
  source: string;
  type: string;
  /** Unique per logical event: a redelivery carries the same key and is recognised. */
  dedupKey: string;
  payload: unknown;
  requestId?: string;
  /** Queue that processes the event; the job is enqueued in the same transaction. */
  queue?: string;
  /** Initial status, e.g. `processed` for events handled inline before the answer. */
  status?: EventStatus;
  processingMs?: number;
  outcome?: Record<string, unknown>;
  countsInStats?: boolean;
  /** Commit in arrival order relative to other ordered events (ids follow commit order). */
  ordered?: boolean;
  /** Extra writes that must commit with the event (and only when it is new). */
  onInsert?: (tx: AppTransaction, eventId: string, executor: SqlExecutor) => Promise<void>;
}

export interface RecordedEvent {
  id: string;
  duplicate: boolean;
  status: EventStatus;
  receivedAt: Date;
}
