// The one error type the app throws on purpose; the filter renders it in docs/api.md's error shape.
import { HttpException, HttpStatus } from '@nestjs/common';

export interface ApiErrorInit {
  status: number;
  code: string;
  error: string;
  message: string;
  details?: Record<string, unknown>;
  /** Route-specific top-level fields, e.g. `missing` of trigger-call. */
  extras?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export class ApiException extends HttpException {
  constructor(readonly init: ApiErrorInit) {
    super(init.message, init.status);
  }

  static badRequest(
    code: string,
    error: string,
    message: string,
    details?: Record<string, unknown>,
  ) {
    return new ApiException({ status: HttpStatus.BAD_REQUEST, code, error, message, details });
  }

  /** 400 `missing_required_fields`, listing the absent fields in `missing` (the seed services' body). */
  static missingFields(
    names: string[],
    message = `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} required`,
    details?: Record<string, unknown>,
  ) {
    return new ApiException({
      status: HttpStatus.BAD_REQUEST,
      code: 'missing_required_fields',
      error: 'Missing required fields',
      message,
      details,
      extras: { missing: names },
    });
  }

  static unauthorized(error: string, message: string, code = 'unauthorized') {
    return new ApiException({ status: HttpStatus.UNAUTHORIZED, code, error, message });
  }

  static notFound(message: string, code = 'not_found') {
    return new ApiException({ status: HttpStatus.NOT_FOUND, code, error: 'Not found', message });
  }

  static conflict(message: string, code = 'conflict') {
    return new ApiException({ status: HttpStatus.CONFLICT, code, error: 'Conflict', message });
  }

  /** An upstream answered with an error or could not be reached. */
  static badGateway(upstream: string, message: string, details?: Record<string, unknown>) {
    return new ApiException({
      status: HttpStatus.BAD_GATEWAY,
      code: 'upstream_error',
      error: `${upstream} request failed`,
      message,
      details: { upstream, ...details },
    });
  }

  static gatewayTimeout(upstream: string, timeoutMs: number) {
    return new ApiException({
      status: HttpStatus.GATEWAY_TIMEOUT,
      code: 'upstream_timeout',
      error: `${upstream} timed out`,
      message: `${upstream} did not answer within ${timeoutMs} ms`,
      details: { upstream, timeout_ms: timeoutMs },
    });
  }
}
