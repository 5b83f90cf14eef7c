// Everything between the socket and the router, shared by main.ts and the test harness so the
// suites exercise the exact pipeline production runs.
import { type INestApplication } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { AppLogger } from '../common/logging/app-logger';
import { accessLogMiddleware } from '../common/logging/access-log.middleware';
import { bodyParsingMiddleware } from '../common/http/body-parsing';
import { routeBodyRules } from '../common/http/body-rules';
import { requestContextMiddleware } from '../common/http/request-context';
import { requestIdMiddleware } from '../common/http/request-id';
import { appConfig } from '../config/namespaces';
import { httpMetricsMiddleware } from '../metrics/http-metrics.middleware';
import { MetricsService } from '../metrics/metrics.service';
import { applyServerTimeouts } from './server-timeouts';
import { setupSwagger } from './swagger';

export async function configureApp(app: NestExpressApplication): Promise<INestApplication> {
  const config = app.get<ConfigType<typeof appConfig>>(appConfig.KEY);
  const logger = app.get(AppLogger);
  app.useLogger(logger);
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.set('x-powered-by', false);
  app.set('etag', false);
  app.use(requestIdMiddleware);
  app.use(accessLogMiddleware(logger.root));
  app.use(httpMetricsMiddleware(app.get(MetricsService)));
  app.use(
    helmet({
      // helmet's default CSP asks the browser to upgrade every sub-resource to https. Behind a
      // TLS proxy that is moot (the page is https already); over plain http on a host name other
      // than localhost (http://<machine>:3000/docs) it turns /docs into a blank page, because
      // the assets are requested from an https port nobody serves. HSTS still applies on https.
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
    }),
  );
  if (config.corsOrigins.length > 0)
    app.enableCors({ origin: config.corsOrigins, exposedHeaders: ['X-Request-ID', 'Retry-After'] });
  for (const handler of bodyParsingMiddleware(config.bodyLimits, routeBodyRules(app)))
    app.use(handler);
  app.use(requestContextMiddleware);
  await setupSwagger(app);
  applyServerTimeouts(app.getHttpServer());
  app.enableShutdownHooks();
  return app;
}
