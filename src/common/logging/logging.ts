// One pino logger for the whole process: JSON with level names and ISO times outside development
// (log shippers parse it), readable pino-pretty lines in development. The request line
// (access-log.middleware.ts) and the app's own lines (app-logger.ts) both write through it.
// Capability tokens, credentials and personal data in URLs never reach the log: a line names the
// route pattern, not the path, and only allow-listed query keys.
import type { ConfigType } from '@nestjs/config';
import pino, { stdSerializers, stdTimeFunctions, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { appConfig } from '../../config/namespaces';
import { scrubPersonalData } from './personal-data';

/** Paths in logged objects that hold credentials, for app code that logs such objects. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.token',
  '*.secret',
  '*.password',
  '*.api_key',
  '*.apiKey',
  '*.verification_token',
];

const REDACTED = '[redacted]';

/** pino's error serializer, minus ApiException's copy of its own fields (`init`, `response`). */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error))
    return typeof error === 'object' && error !== null
      ? (error as Record<string, unknown>)
      : { message: scrubPersonalData(String(error)) };
  const {
    init,
    response: _response,
    ...plain
  } = stdSerializers.err(error) as Record<string, unknown> & {
    init?: { code?: string; details?: unknown };
  };
  if (typeof plain.message === 'string') plain.message = scrubPersonalData(plain.message);
  if (typeof plain.stack === 'string') plain.stack = scrubPersonalData(plain.stack);
  return init ? { ...plain, code: init.code, details: init.details } : plain;
}

/** The pino options every line shares (level names, ISO time, credential paths redacted). */
export function loggerOptions(level: string): pino.LoggerOptions {
  return {
    level,
    base: undefined,
    formatters: { level: (label) => ({ level: label }) },
    timestamp: stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: REDACTED },
    serializers: { err: serializeError },
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

export function createRootLogger(
  config: Pick<ConfigType<typeof appConfig>, 'logLevel' | 'nodeEnv'>,
  destination?: DestinationStream,
): Logger {
  const options = loggerOptions(config.logLevel);
  if (destination) return pino(options, destination);
  if (config.nodeEnv === 'development') return pino(options, prettyDestination());
  // Asynchronous writes to stdout: lines written in the same tick go out in one write, and a
  // request never waits on the pipe. Flushed on exit by pino (on-exit-leak-free).
  return pino(options, pino.destination({ dest: 1, sync: false }));
}
