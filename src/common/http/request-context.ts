// The request being served, reachable from services without threading it through every call:
// the event log keeps the headers of the request that delivered an event (redacted).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';

const current = new AsyncLocalStorage<Request>();

/** Runs after body parsing: a stream callback may have left the context the socket had. */
export function requestContextMiddleware(req: Request, _res: Response, next: NextFunction): void {
  current.run(req, next);
}

/** The id of the request in progress (for log lines), or undefined outside a request. */
export function currentRequestId(): string | undefined {
  return current.getStore()?.id as string | undefined;
}

/** Credentials, signatures and anything named like one are never stored or shown. */
const SECRET_HEADER =
  /^(authorization|proxy-authorization|cookie|set-cookie|idempotency-key)$|secret|signature|token|api-?key|password/i;

export function redactHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    out[name.toLowerCase()] = SECRET_HEADER.test(name) ? '[redacted]' : text.slice(0, 1000);
  }
  return out;
}

/** The redacted headers of the request in progress, or undefined outside a request (jobs). */
export function currentRequestHeaders(): Record<string, string> | undefined {
  const req = current.getStore();
  return req ? redactHeaders(req.headers) : undefined;
}
