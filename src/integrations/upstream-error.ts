// One error type for every upstream failure, so jobs can decide "retry or give up"; the
// exception filter answers it as 502/504 (common/errors/upstream-errors.ts) whichever upstream failed.
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
    // The code its answer carries, so the one log line of the 5xx names it too.
    this.code = failure === 'timeout' ? 'upstream_timeout' : 'upstream_error';
  }

  readonly code: 'upstream_timeout' | 'upstream_error';

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

  /** A 2xx answer in a shape the client cannot use (missing fields, wrong types, not JSON). */
  static unexpected(upstream: string, what: string, detail?: unknown): UpstreamError {
    return new UpstreamError(
      upstream,
      'http',
      `${upstream} answered something unexpected: ${what}`,
      undefined,
      detail,
    );
  }

  /** Worth trying again later: timeouts, network faults, 429 and 5xx. */
  get retryable(): boolean {
    return this.failure !== 'http' || this.status === 429 || (this.status ?? 0) >= 500;
  }
}
