// nestjs-pino: one line per request (method, path, status, duration, request id) and the app's
// own lines. JSON with level names and ISO times outside development (log shippers parse it);
// readable pino-pretty lines in development. Capability tokens (the talk page's `/talk/{token}`),
// credentials in query strings and secret-bearing headers never reach the log.
import type { ConfigType } from '@nestjs/config';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { stdSerializers, stdTimeFunctions, type DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import pretty from 'pino-pretty';
import type { appConfig } from '../../config/namespaces';

/** Paths in logged objects that hold credentials, for app code that logs such objects. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["elevenlabs-signature"]',
  'req.headers["x-webhook-signature"]',
  'req.headers["x-webhook-secret"]',
  'req.headers["x-notion-signature"]',
  'req.headers["x-ghl-signature"]',
  'req.headers["x-wh-signature"]',
  'req.headers["xi-api-key"]',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  '*.token',
  '*.secret',
  '*.password',
  '*.api_key',
  '*.apiKey',
  '*.verification_token',
];

const REDACTED = '[redacted]';
/** Path segments that are capabilities: whoever has the URL has the access. */
const CAPABILITY_PATHS = [/^(\/talk\/)[^/?#]+/];
// `code` and `state` also cover the OpenID Connect callback (console sign-in).
const SECRET_QUERY_KEY = /token|secret|key|signature|sig|password|auth|code|state/i;

/** The URL as it may be logged: capability path segments and secret query values replaced. */
export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?');
  let path = queryAt < 0 ? url : url.slice(0, queryAt);
  for (const pattern of CAPABILITY_PATHS) path = path.replace(pattern, `$1${REDACTED}`);
  if (queryAt < 0) return path;
  const query = url
    .slice(queryAt + 1)
    .split('&')
    .map((pair) => {
      const name = pair.split('=')[0];
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // keep the raw name
      }
      return SECRET_QUERY_KEY.test(decoded) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${path}?${query}`;
}

type LoggedRequest = IncomingMessage & { originalUrl?: string; id?: unknown };

const urlOf = (req: LoggedRequest) => redactUrl(req.originalUrl ?? req.url ?? '');

/** pino's error serializer, minus ApiException's copy of its own fields (`init`, `response`). */
function serializeError(error: Error): Record<string, unknown> {
  const {
    init,
    response: _response,
    ...plain
  } = stdSerializers.err(error) as Record<string, unknown> & {
    init?: { code?: string; details?: unknown };
  };
  return init ? { ...plain, code: init.code, details: init.details } : plain;
}

const QUIET_ROUTES = new Set(['/health', '/health/ready', '/metrics']);

const requestLine = (req: LoggedRequest, res: ServerResponse, ms: number) =>
  `${req.method} ${urlOf(req)} ${res.statusCode} ${Math.round(ms)}ms`;

export function httpLoggerOptions(level: string): Options {
  return {
    level,
    genReqId: (req) => (req as LoggedRequest).id,
    // App lines inside a request carry only its id, not the whole request.
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'request_id', responseTime: 'duration_ms' },
    formatters: { level: (label) => ({ level: label }) },
    timestamp: stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: REDACTED },
    // Probes and scrapes every few seconds would drown the log.
    autoLogging: { ignore: (req) => QUIET_ROUTES.has(urlOf(req).split('?')[0]) },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    customSuccessMessage: (req, res, ms) => requestLine(req, res, ms),
    customErrorMessage: (req, res, err) =>
      `${req.method} ${urlOf(req)} ${res.statusCode}: ${err.message}`,
    // No headers: they hold credentials and repeat on every line; the line says what happened.
    serializers: {
      req: (req: LoggedRequest) => ({ method: req.method, url: urlOf(req) }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      err: serializeError,
    },
  };
}

/** Human lines for a developer's terminal: time, level, [context], message, request id. */
export function prettyDestination(colorize = Boolean(process.stdout.isTTY)): DestinationStream {
  return pretty({
    colorize,
    sync: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,req,res,context,request_id,duration_ms',
    messageFormat: '{if context}[{context}] {end}{msg}{if request_id} ({request_id}){end}',
    singleLine: false,
  });
}

export function loggerParams(config: ConfigType<typeof appConfig>): Params {
  const options = httpLoggerOptions(config.logLevel);
  return {
    pinoHttp: config.nodeEnv === 'development' ? [options, prettyDestination()] : options,
    forRoutes: ['*path'],
  };
}
