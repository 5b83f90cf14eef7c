// Maps anything thrown while serving a request to docs/api.md's one error shape. Used by the Nest
// exception filter and by the Express error handler behind the body parsers.
import { HttpException, HttpStatus } from '@nestjs/common';
import { ApiException } from './api.exception';
import { UpstreamError } from '../../integrations/upstream-error';
import { upstreamException } from './upstream-errors';

export interface ErrorResponse {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
  /** Unexpected: log with the stack. */
  unexpected: boolean;
}

const TITLES: Record<number, [string, string]> = {
  400: ['bad_request', 'Bad request'],
  401: ['unauthorized', 'Unauthorized'],
  403: ['forbidden', 'Forbidden'],
  404: ['not_found', 'Not found'],
  405: ['method_not_allowed', 'Method not allowed'],
  409: ['conflict', 'Conflict'],
  413: ['payload_too_large', 'Payload too large'],
  415: ['unsupported_media_type', 'Unsupported media type'],
  422: ['unprocessable_entity', 'Unprocessable entity'],
  429: ['rate_limited', 'Too many requests'],
  500: ['internal_error', 'Internal server error'],
  502: ['upstream_error', 'Bad gateway'],
  503: ['service_unavailable', 'Service unavailable'],
  507: ['insufficient_storage', 'Insufficient storage'],
  504: ['upstream_timeout', 'Gateway timeout'],
};

/** body-parser / raw-body error types and what they mean to the caller. */
const PARSER_ERRORS: Record<string, [number, string, string, string]> = {
  'entity.too.large': [
    413,
    'payload_too_large',
    'Payload too large',
    'The request body is larger than this route accepts',
  ],
  'entity.parse.failed': [
    400,
    'invalid_json',
    'Invalid JSON',
    'The request body is not valid JSON',
  ],
  'encoding.unsupported': [
    415,
    'unsupported_encoding',
    'Unsupported content encoding',
    'The content encoding is not supported',
  ],
  'charset.unsupported': [
    415,
    'unsupported_charset',
    'Unsupported charset',
    'Only UTF-8 JSON is accepted',
  ],
  'request.aborted': [
    400,
    'request_aborted',
    'Request aborted',
    'The client closed the request before the body arrived',
  ],
  'request.size.invalid': [
    400,
    'bad_request',
    'Bad request',
    'The body length does not match Content-Length',
  ],
  'stream.encoding.set': [400, 'bad_request', 'Bad request', 'The request could not be read'],
};

/** Connection-level database failures: the request may be retried later, it is not a bug. */
const DATABASE_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  // statement_timeout: the database did not finish in time.
  '57014',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof code === 'string' && DATABASE_DOWN_CODES.has(code)) return true;
  if (
    typeof message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end|Query read timeout|The database is unavailable/i.test(
      message,
    )
  )
    return true;
  return cause !== undefined && cause !== error && isDatabaseUnavailable(cause);
}

function shape(
  status: number,
  code: string,
  error: string,
  message: string,
  details?: Record<string, unknown>,
) {
  return { status, code, error, message, details };
}

function classify(exception: unknown) {
  if (exception instanceof ApiException) return { ...exception.init };
  if (exception instanceof UpstreamError) return { ...upstreamException(exception).init };

  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const [code, title] = TITLES[status] ?? [`http_${status}`, 'Error'];
    const response = exception.getResponse();
    const text =
      typeof response === 'string' ? response : (response as { message?: unknown }).message;
    const details =
      typeof response === 'object' && response !== null && 'details' in response
        ? (response as { details: Record<string, unknown> }).details
        : undefined;
    const message = Array.isArray(text)
      ? text.join('; ')
      : typeof text === 'string'
        ? text
        : exception.message;
    // Terminus hands its check results as the response: keep them for the operator.
    const healthDetails =
      typeof response === 'object' && response !== null && 'info' in response
        ? (response as Record<string, unknown>)
        : undefined;
    return shape(status, code, title, message, details ?? healthDetails);
  }

  const err = exception as {
    type?: string;
    code?: string;
    status?: number;
  };
  if (err && typeof err === 'object' && typeof err.type === 'string' && PARSER_ERRORS[err.type]) {
    const [status, code, title, message] = PARSER_ERRORS[err.type];
    return shape(status, code, title, message);
  }
  if (
    err &&
    typeof err === 'object' &&
    typeof err.status === 'number' &&
    err.status >= 400 &&
    err.status < 500
  ) {
    const [code, title] = TITLES[err.status] ?? ['bad_request', 'Bad request'];
    return shape(err.status, code, title, title);
  }
  // A unique constraint refused a second copy: a conflict, not a server fault.
  if (
    (err as { code?: unknown })?.code === '23505' ||
    (err as { cause?: { code?: unknown } })?.cause?.code === '23505'
  ) {
    return shape(409, 'conflict', 'Conflict', 'The resource already exists');
  }
  // The disk under the database or the file mirror: out of space, or mounted read-only.
  const fsCode =
    (err as { code?: unknown })?.code ?? (err as { cause?: { code?: unknown } })?.cause?.code;
  // The embedded database reports a refused file operation as a PostgreSQL error whose SQLSTATE
  // is generic (a read-only disk is "insufficient privilege"); its message names the errno.
  const storageMessage = [
    (err as { message?: unknown })?.message,
    (err as { cause?: { message?: unknown } })?.cause?.message,
  ]
    .map(String)
    .join(' ');
  if (
    fsCode === 'ENOSPC' ||
    fsCode === 'EDQUOT' ||
    fsCode === '53100' ||
    /No space left on device/.test(storageMessage)
  ) {
    return shape(
      507,
      'insufficient_storage',
      'Insufficient storage',
      'The server is out of disk space; retry later',
    );
  }
  if (fsCode === 'EROFS' || /Read-only file system/.test(storageMessage)) {
    return shape(
      503,
      'storage_read_only',
      'Service unavailable',
      'The server cannot write to its storage; retry later',
    );
  }
  if (isDatabaseUnavailable(exception)) {
    return shape(
      503,
      'database_unavailable',
      'Service unavailable',
      'The database is unavailable; retry later',
    );
  }
  return null;
}

export function buildErrorResponse(
  exception: unknown,
  requestId: string | undefined,
): ErrorResponse {
  const known = classify(exception);
  const status = known?.status ?? HttpStatus.INTERNAL_SERVER_ERROR;
  const headers: Record<string, string> = { ...(known && 'headers' in known ? known.headers : {}) };
  const body: Record<string, unknown> = {
    status: 'error',
    error: known?.error ?? 'Internal server error',
    code: known?.code ?? 'internal_error',
    message:
      known?.message ?? 'An unexpected error occurred; quote the request_id when reporting it',
    details: known?.details ?? {},
    ...(known && 'extras' in known ? known.extras : {}),
    request_id: requestId ?? null,
    timestamp: new Date().toISOString(),
  };
  if ((status === 503 || status === 507) && !headers['Retry-After']) headers['Retry-After'] = '5';
  return { status, body, headers, unexpected: known === null };
}
