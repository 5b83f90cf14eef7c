// Everything between the socket and the router, shared by main.ts and the test harness so the
// suites exercise the exact pipeline production runs.
import { type INestApplication } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger as PinoLogger } from 'nestjs-pino';
import { bodyParsingMiddleware } from '../common/http/body-parsing';
import { requestIdMiddleware } from '../common/http/request-id';
import { appConfig } from '../config/namespaces';
import { httpMetricsMiddleware } from '../metrics/http-metrics.middleware';
import { MetricsService } from '../metrics/metrics.service';
import { setupSwagger } from './swagger';

export async function configureApp(app: NestExpressApplication): Promise<INestApplication> {
  const config = app.get<ConfigType<typeof appConfig>>(appConfig.KEY);
  app.useLogger(app.get(PinoLogger));
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.set('x-powered-by', false);
  app.set('etag', false);
  app.use(requestIdMiddleware);
  app.use(httpMetricsMiddleware(app.get(MetricsService)));
  app.use(helmet());
  if (config.corsOrigins.length > 0)
    app.enableCors({ origin: config.corsOrigins, exposedHeaders: ['X-Request-ID', 'Retry-After'] });
  for (const handler of bodyParsingMiddleware(config.bodyLimits)) app.use(handler);
  await setupSwagger(app);
  app.enableShutdownHooks();
  return app;
}
