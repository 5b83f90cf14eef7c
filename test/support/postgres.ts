// A throw-away database per test file on the machine's PostgreSQL (user postgres, trust auth).
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ELEVENLABS_SECRET, LINK_SECRET, NOTION_TOKEN, SYNC_SECRET, TEST_TOKEN } from './test-app';

export const PG_ADMIN_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_TEST_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TempDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function createTempDatabase(): Promise<TempDatabase> {
  const name = `hoc_it_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** The environment of an app process in the integration suites. */
export function processEnv(
  databaseUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    DATA_DIR: `/tmp/hoc-it-${process.pid}`,
    API_TOKENS: TEST_TOKEN,
    ELEVENLABS_WEBHOOK_SECRETS: ELEVENLABS_SECRET,
    SYNC_WEBHOOK_SECRET: SYNC_SECRET,
    NOTION_VERIFICATION_TOKEN: NOTION_TOKEN,
    LINK_SECRET,
    SYNC_JOB_TIMEOUT_SECONDS: '5',
    ...extra,
  };
}

/** Rows of one query on its own connection (to read what the app processes wrote). */
export async function queryRows<T extends Record<string, unknown>>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}
