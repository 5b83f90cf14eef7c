// Controller specs (beside the controller, docs/style.md 11): one controller on the app's real HTTP
// pipeline (request id, body parsing, global auth guard, validation pipe, exception filter) with
// its services mocked. No database, no other module: auth and 400 shapes are asserted cheaply.
// Settings are an object (`env`, on top of the harness defaults); `throttling` adds the app's
// throttler guard after the auth guard, as app.module orders them, with in-memory counters.
import type { INestApplication, Provider, Type } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { AuditTrail } from '../../src/audit/audit-trail.service';
import { AuthGuard } from '../../src/common/auth/auth.guard';
import { AllExceptionsFilter } from '../../src/common/errors/all-exceptions.filter';
import { bodyParsingMiddleware } from '../../src/common/http/body-parsing';
import { routeBodyRules } from '../../src/common/http/body-rules';
import { requestIdMiddleware } from '../../src/common/http/request-id';
import { RedisModule } from '../../src/common/redis/redis.module';
import { AppThrottlerGuard } from '../../src/common/throttling/app-throttler.guard';
import { AuthFailureLimiter } from '../../src/common/throttling/auth-failure-limiter';
import { ThrottlingModule } from '../../src/common/throttling/throttling.module';
import { AppValidationPipe } from '../../src/common/validation/validation';
import { AppConfigModule } from '../../src/config/app-config.module';
import { appConfig } from '../../src/config/namespaces';
import { validateEnv } from '../../src/config/validate-env';
import { MetricsModule } from '../../src/metrics/metrics.module';

export const HARNESS_TOKEN = 'controller-spec-token';

export interface ControllerHarness {
  http: TestAgent;
  app: INestApplication;
  close(): Promise<void>;
}

export async function controllerHarness(
  controller: Type,
  mocks: Provider[],
  env: Record<string, string> = {},
  { throttling = false }: { throttling?: boolean } = {},
): Promise<ControllerHarness> {
  const settings = validateEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    API_TOKENS: HARNESS_TOKEN,
    ...env,
  });
  const module = await Test.createTestingModule({
    imports: [
      AppConfigModule.forRoot(settings),
      MetricsModule,
      ...(throttling ? [RedisModule, ThrottlingModule] : []),
    ],
    controllers: [controller],
    providers: [
      ...mocks,
      // @Audited handlers write their trail to the database, which is not here (the audit e2e
      // tests assert the rows).
      { provide: AuditTrail, useValue: { record: async () => undefined } },
      // Failed authentications are counted elsewhere; here they never reach a limit.
      { provide: AuthFailureLimiter, useValue: { count: async () => undefined } },
      { provide: APP_GUARD, useClass: AuthGuard },
      ...(throttling ? [{ provide: APP_GUARD, useClass: AppThrottlerGuard }] : []),
      { provide: APP_PIPE, useClass: AppValidationPipe },
      { provide: APP_FILTER, useClass: AllExceptionsFilter },
    ],
  }).compile();
  const app = module.createNestApplication({ bodyParser: false, logger: false });
  const config = app.get<ConfigType<typeof appConfig>>(appConfig.KEY);
  app.use(requestIdMiddleware);
  for (const handler of bodyParsingMiddleware(config.bodyLimits, routeBodyRules(app)))
    app.use(handler);
  await app.init();
  return {
    http: request(app.getHttpServer()),
    app,
    close: () => app.close(),
  };
}

export const harnessBearer = { Authorization: `Bearer ${HARNESS_TOKEN}` };
