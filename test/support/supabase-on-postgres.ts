// App processes on a throw-away PostgreSQL database syncing from a fake Supabase, for the suites
// that break things under them (faults.int-spec.ts, dependency-outages.int-spec.ts).
import request from 'supertest';
import { FakeSupabase } from '../../tools/fakes/supabase.fake';
import { supabaseEvent } from './load';
import { createTempDatabase, processEnv, queryRows, type TempDatabase } from './postgres';
import { TcpProxy } from './tcp-proxy';
import { SYNC_SECRET } from './test-app';

/**
 * A fake Supabase and a temporary database, made before the describe's tests and removed after
 * them. `db()` gives the database from beforeAll on.
 */
export function useSourceAndDatabase(): { source: FakeSupabase; db: () => TempDatabase } {
  const source = new FakeSupabase();
  let db: TempDatabase | undefined;
  beforeAll(async () => {
    await source.start();
    db = await createTempDatabase();
  });
  afterAll(async () => {
    await source.stop();
    await db?.drop();
  });
  return {
    source,
    db: () => {
      if (!db) throw new Error('useSourceAndDatabase: the database is made in beforeAll');
      return db;
    },
  };
}

/** An app process's environment on `databaseUrl`, syncing from `source`, unthrottled. */
export const sourceAppEnv = (
  databaseUrl: string,
  source: FakeSupabase,
  extra: Record<string, string> = {},
): Record<string, string> =>
  processEnv(databaseUrl, {
    SUPABASE_URL: source.url,
    SUPABASE_KEY: source.apiKey,
    THROTTLE_LIMIT: '100000',
    ...extra,
  });

/** A TCP proxy in front of the machine's PostgreSQL, and `databaseUrl` through it. */
export async function postgresBehindProxy(
  databaseUrl: string,
): Promise<{ proxy: TcpProxy; url: string }> {
  const proxy = await new TcpProxy('127.0.0.1', 5432).start();
  const url = new URL(databaseUrl);
  url.port = String(proxy.port);
  return { proxy, url: url.toString() };
}

/** The stored Supabase events of one table: record id → status. */
export async function storedEvents(
  databaseUrl: string,
  table: string,
): Promise<Map<string, string>> {
  const rows = await queryRows<{ record_id: string; status: string }>(
    databaseUrl,
    "SELECT payload->'change'->>'recordId' AS record_id, status FROM events WHERE source = 'supabase' AND payload->'change'->>'table' = $1",
    [table],
  );
  return new Map(rows.map((r) => [r.record_id, r.status]));
}

/** One Supabase webhook for record `id` of `table`, with the suites' secret. */
export const postSupabase = (appUrl: string, table: string, id: string) =>
  request(appUrl)
    .post('/api/v1/webhooks/supabase')
    .set('x-webhook-secret', SYNC_SECRET)
    .set('content-type', 'application/json')
    .send(supabaseEvent(table, id));
