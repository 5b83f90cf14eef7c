// Boots the real app (same module, same HTTP pipeline as main.ts) on 127.0.0.1 with an
// isolated data directory, for the e2e and integration suites.
import { Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { rmSync } from 'node:fs';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/bootstrap/configure-app';
import { ENV_ALIASES } from '../../src/config/env-aliases';

import { INTERNALS } from './leaks';
import { migratedDataDir } from './migrated-database';
import { scratchDir } from './scratch';

export { eventually } from './eventually';

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
  SYNC_RETRY_DELAY_SECONDS: '1',
  // Suites poll read routes while they wait for jobs and send forged requests by the dozen; the
  // throttle suites set their own limits (or unset these to get the defaults).
  THROTTLE_LIMIT: '100000',
  AUTH_FAILURE_LIMIT: '100000',
};

/** Variables the host may have set that must not leak into a test app unless asked for. */
const ISOLATED = [
  'DATABASE_URL',
  'REDIS_URL',
  'PAYLOAD_DIR',
  'METRICS_TOKEN',
  'BOOKING_WORKFLOW_URL',
  'GHL_API_TOKEN',
  'GHL_WEBHOOK_PUBLIC_KEY',
  'BOOKING_WEBHOOK_SECRET',
  'SUPABASE_URL',
  'SUPABASE_KEY',
  'NOTION_API_KEY',
  'HOC_UPLOAD_ENABLED',
  'CORS_ORIGINS',
  // The replaced services' names, aliases of the variables above (src/config/env-aliases.ts).
  ...ENV_ALIASES.map((alias) => alias.old),
];

/** Apps are created one at a time: config is read from process.env while an app is created. */
let creating: Promise<unknown> = Promise.resolve();

export function startTestApp(
  env: Record<string, string | undefined> = {},
  extraModules: Type[] = [],
): Promise<TestApp> {
  const next = creating.catch(() => undefined).then(() => createTestApp(env, extraModules));
  creating = next;
  return next;
}

async function createTestApp(
  env: Record<string, string | undefined>,
  extraModules: Type[],
): Promise<TestApp> {
  const dataDir =
    env.DATA_DIR ??
    (env.DATABASE_URL
      ? scratchDir('hoc-test-')
      : await migratedDataDir(async (dir) => (await createTestApp({ DATA_DIR: dir }, [])).close()));
  const saved = { ...process.env };
  for (const key of ISOLATED) delete process.env[key];
  Object.assign(process.env, BASE_ENV, { DATA_DIR: dataDir });
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  let app: NestExpressApplication;
  try {
    @Module({ imports: [AppModule, ...extraModules] })
    class TestRootModule {}
    app = await NestFactory.create<NestExpressApplication>(TestRootModule, {
      bodyParser: false,
      logger: false,
      abortOnError: false,
    });
    await configureApp(app);
    await app.listen(0, '127.0.0.1');
  } finally {
    process.env = saved;
  }
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

/** Asserts API.md's error shape. */
export function expectErrorShape(
  body: Record<string, unknown>,
  status: { code?: string } = {},
): void {
  expect(body).toEqual(
    expect.objectContaining({
      status: 'error',
      error: expect.any(String),
      code: status.code ?? expect.stringMatching(/^[a-z0-9_]+$/),
      message: expect.any(String),
      details: expect.any(Object),
      request_id: expect.any(String),
      timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    }),
  );
  const text = JSON.stringify(body);
  expect(text).not.toMatch(INTERNALS);
}
