// The replaced post-call service's own sample bodies were flat: `{conversation_id, transcript,
// status, duration, timestamp}` for a transcription and `{conversation_id, error_code,
// error_message, timestamp}` for a failure. Callers that still send them get them read as the
// ElevenLabs envelope they stand for, before validation; everything after is the normal path.

type Json = Record<string, unknown>;

const FAILED_STATUSES = new Set(['failed', 'failure', 'error', 'initiation_failed']);

function unixSeconds(value: unknown): number | undefined {
  const time = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(time) ? undefined : Math.floor(time / 1000);
}

/** True for a flat body of the old service (no `type`, no `data`, a top-level conversation id). */
export function isLegacyPostCall(body: Json): boolean {
  return body.type === undefined && body.data === undefined && 'conversation_id' in body;
}

/** The ElevenLabs envelope a legacy body stands for; other bodies are returned as they are. */
export function fromLegacyPostCall(body: Json): Json {
  if (!isLegacyPostCall(body)) return body;
  const { conversation_id, timestamp, ...rest } = body;
  const failed =
    rest.error_code !== undefined ||
    rest.error_message !== undefined ||
    (typeof rest.status === 'string' && FAILED_STATUSES.has(rest.status.toLowerCase()));
  const event_timestamp = unixSeconds(timestamp);
  if (failed) {
    return {
      type: 'call_initiation_failure',
      ...(event_timestamp !== undefined ? { event_timestamp } : {}),
      data: {
        conversation_id,
        failure_reason: rest.error_message ?? rest.error_code ?? rest.status ?? 'unknown',
        metadata: { type: 'legacy', body: rest },
        legacy: body,
      },
    };
  }
  const transcript =
    typeof rest.transcript === 'string'
      ? [{ role: 'unknown', message: rest.transcript, time_in_call_secs: null }]
      : rest.transcript;
  return {
    type: 'post_call_transcription',
    ...(event_timestamp !== undefined ? { event_timestamp } : {}),
    data: {
      conversation_id,
      status: rest.status ?? 'done',
      transcript,
      metadata: typeof rest.duration === 'number' ? { call_duration_secs: rest.duration } : {},
      legacy: body,
    },
  };
}
