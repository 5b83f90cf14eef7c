// Lines of an event's history (`events.attempt_log`): a processing attempt or a replay.
import type { AttemptEntry } from './attempt-entry.types';

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
