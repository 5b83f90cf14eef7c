// Boots the real app (same module, same HTTP pipeline as main.ts) on 127.0.0.1 with an
// isolated data directory, for the e2e and integration suites.
import { Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { rmSync } from 'node:fs';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/bootstrap/configure-app';
import type { EnvironmentVariables } from '../../src/config/env.schema';
import { validateEnv } from '../../src/config/validate-env';
import { migratedDataDir } from './migrated-database';
import { scratchDir } from './scratch';

export { eventually } from './eventually';
export { expectErrorShape } from './error-shape';

export const TEST_TOKEN = 'test-api-token';
export const ELEVENLABS_SECRET = 'wsec_test_elevenlabs';
export const SYNC_SECRET = 'test-sync-secret';
export const NOTION_TOKEN = 'secret_test_notion_token';
export const BOOKING_SECRET = 'test-booking-secret';
export const LINK_SECRET = 'test-link-secret';

export interface TestApp {
  url: string;
  app: NestExpressApplication;
  dataDir: string;
  /** PAYLOAD_DIR when the suite set it (the optional file mirror), else undefined. */
  payloadDir: string | undefined;
  get<T>(token: { prototype: T }): T;
  close(): Promise<void>;
}

const BASE_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  // TEST_LOG_LEVEL=error npm test shows the app's log while debugging a suite.
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  API_TOKENS: TEST_TOKEN,
  ELEVENLABS_WEBHOOK_SECRETS: ELEVENLABS_SECRET,
  SYNC_WEBHOOK_SECRET: SYNC_SECRET,
  NOTION_VERIFICATION_TOKEN: NOTION_TOKEN,
  LINK_SECRET,
  // The suites test phone calls; the default (link) is the old services' migration window, tested on its own.
  CALL_MODE: 'phone',
  SYNC_RETRY_DELAY_SECONDS: '1',
  // Suites poll read routes while they wait for jobs and send forged requests by the dozen; the
  // throttle suites set their own limits (or unset these to get the defaults).
  THROTTLE_LIMIT: '100000',
  AUTH_FAILURE_LIMIT: '100000',
};

/**
 * The environment of a test app: the test defaults, its DATA_DIR, then the suite's settings
 * (undefined = unset, i.e. the schema's default). The host's environment plays no part.
 */
export function testEnv(
  env: Record<string, string | undefined> = {},
  dataDir = env.DATA_DIR ?? scratchDir('hoc-test-'),
): EnvironmentVariables {
  return validateEnv({ ...BASE_ENV, DATA_DIR: dataDir, ...env });
}

export async function startTestApp(
  env: Record<string, string | undefined> = {},
  extraModules: Type[] = [],
): Promise<TestApp> {
  const dataDir =
    env.DATA_DIR ??
    (env.DATABASE_URL
      ? scratchDir('hoc-test-')
      : await migratedDataDir(async (dir) => (await startTestApp({ DATA_DIR: dir })).close()));
  @Module({ imports: [AppModule.forRoot(testEnv(env, dataDir)), ...extraModules] })
  class TestRootModule {}
  const app = await NestFactory.create<NestExpressApplication>(TestRootModule, {
    bodyParser: false,
    logger: false,
    abortOnError: false,
  });
  await configureApp(app);
  // PORT set: a suite that must know the URL before start (an identity provider's redirect URI).
  await app.listen(Number(env.PORT ?? 0), '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    app,
    dataDir,
    payloadDir: env.PAYLOAD_DIR,
    get: <T>(token: { prototype: T }) => app.get<T>(token as never),
    async close() {
      await app.close();
      if (!env.DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const bearer = { Authorization: `Bearer ${TEST_TOKEN}` };

/** A loopback fake upstream (tools/fakes): started before the app, stopped after it. */
export interface FakeUpstream {
  start(): Promise<unknown>;
  stop(): Promise<unknown>;
}

/**
 * Starts `fakes`, then the app (`start` runs once they listen, so it can use their URLs), before
 * the describe's tests; closes the app, then stops the fakes, after them. The returned function
 * gives the app from beforeAll on.
 */
export function useTestApp(fakes: FakeUpstream[], start: () => Promise<TestApp>): () => TestApp {
  let t: TestApp | undefined;
  beforeAll(async () => {
    await Promise.all(fakes.map((fake) => fake.start()));
    t = await start();
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all(fakes.map((fake) => fake.stop()));
  });
  return () => {
    if (!t) throw new Error('useTestApp: the app starts in beforeAll');
    return t;
  };
}
