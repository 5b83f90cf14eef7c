import type { EventRow } from '../events/event.types';
import type { EventSummaryDto } from './dto/sync-admin.dto';

export function toEventSummary(row: EventRow, includePayload = false): EventSummaryDto {
  return {
    id: row.id,
    source: row.source,
    type: row.type,
    status: row.status,
    attempts: row.attempts,
    last_error: row.lastError,
    processing_ms: row.processingMs,
    received_at: row.receivedAt.toISOString(),
    processed_at: row.processedAt?.toISOString() ?? null,
    request_id: row.requestId,
    outcome: (row.outcome as Record<string, unknown> | null) ?? null,
    payload: includePayload ? row.payload : undefined,
  };
}
