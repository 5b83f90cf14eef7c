// The ingest under load on the embedded database with the default throttle settings: a burst of
// Supabase changes and of post-call webhooks is acknowledged in full, stored and processed once.
// And one server per DATA_DIR.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { DatabaseService } from '../../src/database/database.service';
import { elevenLabsSignature, fixture } from '../../tools/signing';
import { burst, tally } from '../support/load';
import {
  ELEVENLABS_SECRET,
  eventually,
  startTestApp,
  SYNC_SECRET,
  type TestApp,
} from '../support/test-app';

/** The defaults a newcomer gets: the test app's raised limits taken away. */
const DEFAULT_LIMITS = { THROTTLE_LIMIT: undefined, AUTH_FAILURE_LIMIT: undefined };

async function count(t: TestApp, query: SQL): Promise<number> {
  const result: unknown = await t.get(DatabaseService).db.execute(query);
  return Number((result as { rows: { n: number | string }[] }).rows[0].n);
}

describe('ingest under load, default limits (e2e, embedded)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(DEFAULT_LIMITS);
  });
  afterAll(() => t.close());

  it('acknowledges a 10,000-event Supabase burst at 100 connections, stores and processes each once', async () => {
    const result = await burst(`${t.url}/api/v1/webhooks/supabase`, 10_000, 100, (i) => ({
      body: JSON.stringify({
        type: 'INSERT',
        table: 'burst',
        schema: 'public',
        record: { id: `b${i}`, status: 'new' },
        old_record: null,
      }),
      headers: { 'content-type': 'application/json', 'x-webhook-secret': SYNC_SECRET },
    }));
    expect(tally(result.statuses)).toEqual({ 202: 10_000 });
    expect(await count(t, sql`SELECT count(*) AS n FROM events WHERE source = 'supabase'`)).toBe(
      10_000,
    );
    await eventually(
      async () =>
        (await count(
          t,
          sql`SELECT count(*) AS n FROM events WHERE source = 'supabase' AND status <> 'processed'`,
        )) === 0,
      120_000,
      250,
    );
    expect(
      await count(
        t,
        sql`SELECT count(*) AS n FROM events WHERE source = 'supabase' AND attempts <> 1`,
      ),
    ).toBe(0);
    expect(
      await count(t, sql`SELECT count(*) AS n FROM sync_records WHERE table_name = 'burst'`),
    ).toBe(10_000);
    process.stdout.write(
      `ingest e2e: 10,000 Supabase events acknowledged in ${result.seconds} s\n`,
    );
  }, 300_000);

  it('acknowledges 2,000 post-call webhooks at 100 connections, stores and maps each once', async () => {
    const template = fixture<Record<string, any>>('elevenlabs/post_call_transcription.json');
    const bodies = Array.from({ length: 2000 }, (_, i) => {
      const body = structuredClone(template);
      body.data.conversation_id = `conv_burst_${i}`;
      return JSON.stringify(body);
    });
    const result = await burst(`${t.url}/webhook/post-call`, 2000, 100, (i) => ({
      body: bodies[i],
      headers: {
        'content-type': 'application/json',
        'elevenlabs-signature': elevenLabsSignature(bodies[i], ELEVENLABS_SECRET),
      },
    }));
    expect(tally(result.statuses)).toEqual({ 200: 2000 });
    expect(
      await count(
        t,
        sql`SELECT count(*) AS n FROM artefacts WHERE conversation_id LIKE 'conv_burst_%' AND kind = 'transcription'`,
      ),
    ).toBe(2000);
    await eventually(
      async () =>
        (await count(
          t,
          sql`SELECT count(*) AS n FROM events WHERE source = 'elevenlabs' AND status <> 'processed'`,
        )) === 0,
      120_000,
      250,
    );
    expect(
      await count(
        t,
        sql`SELECT count(*) AS n FROM calls WHERE conversation_id LIKE 'conv_burst_%' AND status = 'completed' AND jsonb_array_length(timeline) = 1`,
      ),
    ).toBe(2000);
    process.stdout.write(
      `ingest e2e: 2,000 post-call webhooks acknowledged in ${result.seconds} s\n`,
    );
  }, 300_000);
});

describe('one server per DATA_DIR (e2e)', () => {
  it('refuses a second server on the same DATA_DIR, naming it and the holder, and starts once it is free', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hoc-lock-'));
    const first = await startTestApp({ DATA_DIR: dataDir });
    try {
      await expect(startTestApp({ DATA_DIR: dataDir })).rejects.toThrow(
        new RegExp(`${join(dataDir, 'pglite')} is in use by another server \\(pid ${process.pid} `),
      );
    } finally {
      await first.close();
    }
    const second = await startTestApp({ DATA_DIR: dataDir });
    await second.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
});
