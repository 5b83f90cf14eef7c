// One line of an event's history (`events.attempt_log`): a processing attempt or a replay.
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

export function attemptEntry(
  startedAt: Date,
  outcome: 'processed' | 'failed' | 'dead',
  durationMs: number,
  error?: string,
): AttemptEntry {
  return {
    at: startedAt.toISOString(),
    kind: 'attempt',
    outcome,
    duration_ms: durationMs,
    ...(error ? { error } : {}),
  };
}

export function replayEntry(at: Date, reason: string, requestId?: string): AttemptEntry {
  return {
    at: at.toISOString(),
    kind: 'replay',
    reason,
    ...(requestId ? { request_id: requestId } : {}),
  };
}
