// One line per request, written when the response finishes: method, route pattern, status,
// duration, request id. A plain object into the root logger: no child logger per request, no
// per-request closures beyond the one 'finish' listener, so a line costs a few microseconds.
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { loggableUrl } from './loggable-url';
import { scrubPersonalData } from './personal-data';

/** Probes and scrapes every few seconds would drown the log. */
const QUIET_ROUTES = new Set(['/health', '/health/ready', '/metrics']);

type Finished = Response & { err?: unknown };

/**
 * The root logger without its redaction: an access line holds only the fields built below, never
 * headers or bodies, and redaction's wildcard paths cost more than the rest of the line (about 7
 * of 11 µs).
 */
export const accessLogger = (root: Logger): Logger => root.child({}, { redact: { paths: [] } });

export function accessLogMiddleware(root: Logger) {
  const logger = accessLogger(root);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (QUIET_ROUTES.has(req.path)) return next();
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const status = res.statusCode;
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      const duration_ms = Number(process.hrtime.bigint() - started) / 1e6;
      const url = loggableUrl(req);
      const err = (res as Finished).err;
      const line = {
        request_id: req.id,
        req: { method: req.method, url },
        res: { status },
        duration_ms: Math.round(duration_ms * 10) / 10,
        // The API client's configured name, never its token; a console person's identity is personal.
        ...(req.principal?.kind === 'client' ? { client: req.principal.name } : {}),
        ...(err === undefined ? {} : { err }),
      };
      const message =
        err instanceof Error
          ? `${req.method} ${url} ${status}: ${scrubPersonalData(err.message)}`
          : `${req.method} ${url} ${status} ${Math.round(duration_ms)}ms`;
      logger[level](line, message);
    });
    next();
  };
}
