// What the generated OpenAPI document needs before people and code generators read it (operation
// ids are each handler's own, `@ApiOperation({ operationId })` where the route is defined): one
// error example per status and route that shows what that route really answers (the DTO's
// single example would show "Missing required fields" everywhere), and responses valid in
// OpenAPI 3 (terminus's @HealthCheck writes a Swagger 2 `schema` beside `content`).
import type { OpenAPIObject } from '@nestjs/swagger';

export interface ErrorExample {
  code: string;
  error: string;
  message: string;
  details?: Record<string, unknown>;
  /** Route-specific top-level fields (e.g. trigger-call's `missing`). */
  extras?: Record<string, unknown>;
}

/** What each status means when a route says nothing more specific (error-response.ts). */
const BY_STATUS: Record<number, ErrorExample> = {
  400: {
    code: 'validation_failed',
    error: 'Invalid request body',
    message: 'campaign_id must be a string or a number',
  },
  403: {
    code: 'insufficient_scope',
    error: 'Insufficient scope',
    message: 'This route needs the scope calls, which your credentials do not grant',
    details: { required_scope: 'calls' },
  },
  404: { code: 'not_found', error: 'Not found', message: 'No such resource' },
  409: { code: 'conflict', error: 'Conflict', message: 'The resource is in another state' },
  413: {
    code: 'payload_too_large',
    error: 'Payload too large',
    message: 'The request body is larger than this route accepts',
  },
  415: {
    code: 'unsupported_media_type',
    error: 'Unsupported media type',
    message: 'Content-Type text/plain is not accepted; send application/json',
    details: { accepted: ['application/json'] },
  },
  429: {
    code: 'rate_limited',
    error: 'Too many requests',
    message: 'Limit of 30 requests per 60 s reached; retry in 12 s',
  },
  503: {
    code: 'service_unavailable',
    error: 'Service unavailable',
    message: 'The database is unavailable; retry later',
  },
};

const UNAUTHORIZED: Record<'bearer' | 'signature', ErrorExample> = {
  bearer: {
    code: 'missing_authorization',
    error: 'Missing Authorization header',
    message: 'Please provide Authorization: Bearer {API_KEY}',
  },
  signature: {
    code: 'invalid_signature',
    error: 'Invalid signature',
    message: 'The signature does not match the body',
  },
};

const upstream = (name: string, status: 502 | 504): ErrorExample =>
  status === 502
    ? {
        code: 'upstream_error',
        error: `${name} request failed`,
        message: `${name} answered 500`,
        details: { upstream: name },
      }
    : {
        code: 'upstream_timeout',
        error: `${name} timed out`,
        message: `${name} did not answer within 10000 ms`,
        details: { upstream: name, timeout_ms: 10000 },
      };

const notFound = (code: string, message: string): ErrorExample => ({
  code,
  error: 'Not found',
  message,
});

const invalidBody: ErrorExample = {
  code: 'invalid_body',
  error: 'Invalid request body',
  message: 'The body must be a JSON object',
};

/** Per operation and status: what that route answers (messages as the code writes them). */
export const ERROR_EXAMPLES: Record<string, Record<number, ErrorExample>> = {
  setupCampaign: {
    400: {
      code: 'missing_required_fields',
      error: 'Missing required fields',
      message: 'campaign_id is required',
      extras: { missing: ['campaign_id'] },
    },
    404: notFound('campaign_not_found', 'HOC does not know campaign 16'),
    502: upstream('HOC', 502),
    504: upstream('HOC', 504),
  },
  getCampaignPackage: {
    404: notFound(
      'package_not_found',
      'No package built for campaign 16; POST /webhook/setup-campaign first',
    ),
  },
  triggerCall: {
    400: {
      code: 'missing_required_fields',
      error: 'Missing required fields',
      message: 'candidate_first_name, candidate_last_name are required',
      extras: { missing: ['candidate_first_name', 'candidate_last_name'] },
    },
    409: {
      code: 'idempotency_key_reused',
      error: 'Conflict',
      message: 'This Idempotency-Key was used with a different request body',
    },
    502: upstream('ElevenLabs', 502),
    503: {
      code: 'elevenlabs_not_configured',
      error: 'Calls not configured',
      message: 'ELEVENLABS_AGENT_ID and ELEVENLABS_API_KEY must be set to place calls',
    },
    504: upstream('ElevenLabs', 504),
  },
  getCall: { 404: notFound('call_not_found', 'No call with conversation_id conv_123') },
  getCallArtefact: { 404: notFound('artefact_not_found', 'No audio stored for this call') },
  receivePostCallWebhook: { 400: invalidBody },
  receiveSupabaseWebhook: { 400: invalidBody },
  receiveNotionWebhook: { 400: invalidBody },
  receiveBookingMessage: { 400: invalidBody },
  replayEvent: {
    404: notFound('event_not_found', 'No event with that id'),
    409: {
      code: 'not_replayable',
      error: 'Conflict',
      message: 'The event is already queued or being processed',
    },
  },
  getEvent: { 404: notFound('event_not_found', 'No event with that id') },
  eraseCall: { 404: notFound('not_found', 'Nothing stored names this conversation') },
  eraseBookingThread: { 404: notFound('not_found', 'Nothing stored names this thread') },
  getSyncedRecord: { 404: notFound('record_not_found', 'No synced record supabase/users/42') },
  getBookingThread: { 404: notFound('thread_not_found', 'No booking thread thread_123') },
  getReadiness: {
    503: {
      code: 'service_unavailable',
      error: 'Service unavailable',
      message: 'Service Unavailable Exception',
      details: {
        status: 'error',
        info: { database: { status: 'up' } },
        error: { redis: { status: 'down', message: 'Could not connect' } },
      },
    },
  },
};

export function exampleFor(
  operation: string,
  status: number,
  security: string[],
): ErrorExample | undefined {
  const specific = ERROR_EXAMPLES[operation]?.[status];
  if (specific) return specific;
  if (status === 401) return UNAUTHORIZED[security.includes('bearer') ? 'bearer' : 'signature'];
  return BY_STATUS[status];
}

export function errorBody(example: ErrorExample): Record<string, unknown> {
  return {
    status: 'error',
    error: example.error,
    code: example.code,
    message: example.message,
    details: example.details ?? {},
    ...example.extras,
    request_id: '6f1c2a9e-2b8d-4a51-9c4e-0d3f5e7a8b90',
    timestamp: '2026-11-22T10:00:00.000Z',
  };
}

const ERROR_SCHEMA = { $ref: '#/components/schemas/ErrorResponseDto' };

interface ResponseObject {
  description?: string;
  schema?: unknown;
  content?: Record<string, { schema?: unknown; example?: unknown }>;
}
interface Operation {
  operationId?: string;
  security?: Record<string, unknown>[];
  responses?: Record<string, ResponseObject>;
}

export function polishDocument(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item as Record<string, Operation>)) {
      if (!operation?.responses) continue;
      const security = (operation.security ?? []).flatMap((s) => Object.keys(s));
      for (const [status, response] of Object.entries(operation.responses)) {
        const code = Number(status);
        // OpenAPI 3 has no response-level `schema`. Terminus writes its result body there, also
        // for 503, which the exception filter answers in the one error shape.
        if (response.schema) {
          response.content ??= {
            'application/json': { schema: code >= 400 ? ERROR_SCHEMA : response.schema },
          };
          delete response.schema;
        }
        const json = response.content?.['application/json'];
        if (code < 400 || !json) continue;
        const example = exampleFor(operation.operationId ?? '', code, security);
        if (example) json.example = errorBody(example);
      }
    }
  }
  return document;
}
