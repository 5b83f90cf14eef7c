// The old services' environments exactly as their documentation gives them
// (test/fixtures/legacy-env), and the app started on one of them alone: the suites' own
// defaults unset, the log silent. legacy-env.e2e-spec.ts runs them as they are,
// legacy-env-migrated.e2e-spec.ts after `npm run migrate-env`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { startTestApp, type TestApp } from './test-app';

export type Env = Record<string, string>;

export const legacyEnv = (file: string): Env =>
  parseEnv(readFileSync(join(__dirname, '../fixtures/legacy-env', file), 'utf8')) as Env;

/** The test suites' defaults unset: only the old service's environment configures the app. */
const SUITE_DEFAULTS_UNSET = {
  NODE_ENV: undefined,
  API_TOKENS: undefined,
  ELEVENLABS_WEBHOOK_SECRETS: undefined,
  SYNC_WEBHOOK_SECRET: undefined,
  NOTION_VERIFICATION_TOKEN: undefined,
  LINK_SECRET: undefined,
  CALL_MODE: undefined,
  // The old env's own PORT, where it has one, comes after and is kept.
  PORT: undefined,
};
/** After the old env: the suite's log stays silent whatever LOG_LEVEL the service had. */
const QUIET = { LOG_LEVEL: 'silent' };

/**
 * The app configured by `env` alone, then `local`: what the test machine must change (the
 * upstreams' addresses at loopback fakes, scratch folders, settings the operator adds).
 */
export const startOnLegacyEnv = (env: Env, local: Env = {}): Promise<TestApp> =>
  startTestApp({ ...SUITE_DEFAULTS_UNSET, ...env, ...QUIET, ...local });
