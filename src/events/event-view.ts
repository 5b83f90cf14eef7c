// The API views of an event row: the list item and the single-event detail.
import type { AttemptEntry } from './attempt-entry.types';
import type { EventDetailDto, EventSummaryDto } from './dto/events.dto';
import type { EventRow } from './event.types';

export function toEventSummary(row: EventRow, includePayload = false): EventSummaryDto {
  return {
    id: row.id,
    source: row.source,
    type: row.type,
    status: row.status,
    subject: row.subject ?? null,
    attempts: row.attempts,
    last_error: row.lastError,
    processing_ms: row.processingMs,
    received_at: row.receivedAt.toISOString(),
    processed_at: row.processedAt?.toISOString() ?? null,
    request_id: row.requestId,
    outcome: row.outcome ?? null,
    payload: includePayload ? row.payload : undefined,
  };
}

export function toEventDetail(row: EventRow, replayable: boolean): EventDetailDto {
  const logged = row.attemptLog;
  // Events handled inline before the answer (post-call, generic) have no logged attempt.
  const history: AttemptEntry[] =
    logged.length === 0 && row.status === 'processed'
      ? [
          {
            at: (row.processedAt ?? row.receivedAt).toISOString(),
            kind: 'attempt',
            outcome: 'processed',
            duration_ms: row.processingMs ?? 0,
          },
        ]
      : logged;
  return {
    ...toEventSummary(row),
    payload: row.payload,
    headers: row.headers ?? null,
    attempt_history: history,
    replayable,
  };
}
