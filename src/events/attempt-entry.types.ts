// A jsonb column's shape (`events.attempt_log`), on its own so the schema can type the column
// without importing the event types that are inferred from the schema.

/** One line of an event's history (`events.attempt_log`): a processing attempt or a replay. */
export interface AttemptEntry {
  at: string;
  kind: 'attempt' | 'replay';
  /** Attempts: processed, failed or dead. */
  outcome?: 'processed' | 'failed' | 'dead';
  duration_ms?: number;
  error?: string;
  /** Replays: why the operator asked for it. */
  reason?: string;
  request_id?: string;
}
