// nestjs-pino: JSON lines with the request id; credentials and signatures never reach the log.
import type { ConfigType } from '@nestjs/config';
import type { Params } from 'nestjs-pino';
import type { appConfig } from '../../config/namespaces';

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

const QUIET_ROUTES = new Set(['/health', '/health/ready', '/metrics']);

export function loggerParams(config: ConfigType<typeof appConfig>): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      genReqId: (req) => req.id,
      customProps: (req) => ({ request_id: req.id }),
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Probes and scrapes every few seconds would drown the log.
      autoLogging: {
        ignore: (req) =>
          QUIET_ROUTES.has(
            ((req as { originalUrl?: string }).originalUrl ?? req.url ?? '').split('?')[0],
          ),
      },
      serializers: {
        req: (req: {
          id: unknown;
          method: string;
          url: string;
          headers: Record<string, unknown>;
        }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
          headers: req.headers,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
    forRoutes: ['*path'],
  };
}
