// One error type for every upstream failure, so jobs can decide "retry or give up" and inline
// calls can answer 502/504 the same way whichever upstream failed.
import { ApiException } from '../common/errors/api.exception';

export type UpstreamFailure = 'timeout' | 'network' | 'http';

export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';

  constructor(
    readonly upstream: string,
    readonly failure: UpstreamFailure,
    message: string,
    readonly status?: number,
    readonly detail?: unknown,
    readonly timeoutMs?: number,
  ) {
    super(message);
  }

  static timeout(upstream: string, timeoutMs: number, detail = 'did not answer'): UpstreamError {
    return new UpstreamError(
      upstream,
      'timeout',
      `${upstream} ${detail} within ${timeoutMs} ms`,
      undefined,
      undefined,
      timeoutMs,
    );
  }

  /** Worth trying again later: timeouts, network faults, 429 and 5xx. */
  get retryable(): boolean {
    return this.failure !== 'http' || this.status === 429 || (this.status ?? 0) >= 500;
  }

  /** For calls the client waits on: 504 for a timeout, 502 otherwise, with the upstream's detail. */
  toApiException(): ApiException {
    if (this.failure === 'timeout')
      return ApiException.gatewayTimeout(this.upstream, this.timeoutMs ?? 0);
    return ApiException.badGateway(this.upstream, this.message, {
      ...(this.status ? { upstream_status: this.status } : {}),
      ...(this.detail !== undefined ? { upstream_detail: this.detail } : {}),
    });
  }
}
