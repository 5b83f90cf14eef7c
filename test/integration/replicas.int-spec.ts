// Two app processes on one PostgreSQL database and one Redis: limits are global, a burst sent to
// both is processed exactly once (one handler run per event, counted at the fake source), stats
// agree, and when one replica is killed mid-burst the other finishes its work.
import { Client } from 'pg';
import request from 'supertest';
import { FakeSupabase } from '../../tools/fakes/supabase.fake';
import { startApp, type AppProcess } from '../support/app-process';
import { Acknowledgements, fireSupabase, ids } from '../support/load';
import {
  createTempDatabase,
  processEnv,
  REDIS_TEST_URL,
  type TempDatabase,
} from '../support/postgres';
import { bearer, eventually } from '../support/test-app';

const stats = async (app: AppProcess) =>
  (await request(app.url).get('/api/v1/webhooks/stats').set(bearer).expect(200)).body;

describe('two replicas on PostgreSQL + Redis (integration)', () => {
  let db: TempDatabase;
  const source = new FakeSupabase();
  let a: AppProcess;
  let b: AppProcess;
  const env = (): Record<string, string> =>
    processEnv(db.url, {
      REDIS_URL: REDIS_TEST_URL,
      SUPABASE_URL: source.url,
      SUPABASE_KEY: source.apiKey,
      BOOKING_THROTTLE_LIMIT: '7',
    });

  beforeAll(async () => {
    await source.start();
    db = await createTempDatabase();
    [a, b] = await Promise.all([startApp(0, env()), startApp(0, env())]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await source.stop();
    await db?.drop();
  });

  it('holds the per-sender booking limit across both processes', async () => {
    // A phone of its own, so counters left in Redis by an earlier run do not count.
    const phone = `+4917${String(process.pid).padStart(9, '0')}`;
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push(
        (
          await request((i % 2 ? a : b).url)
            .post('/booking/webhook')
            .send({ message: `m${i}`, phone, thread_id: `replicas_${phone.slice(1)}` })
        ).status,
      );
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 429]);
  });

  it('processes a burst sent to both replicas exactly once, and both report the same stats', async () => {
    const burst = ids('r', 400);
    for (const id of burst) source.put('burst', { id, updated_at: '2026-11-20T10:00:00+00:00' });
    const fired = await fireSupabase([a.url, b.url], 'burst', burst);
    expect(fired.filter((f) => f.status === 202)).toHaveLength(400);
    await eventually(async () => (await stats(a)).queued === 0, 60_000, 250);
    const runs = burst.map((id) => source.lookups('burst', id));
    expect(runs.filter((n) => n !== 1)).toEqual([]);
    const [fromA, fromB] = [await stats(a), await stats(b)];
    expect(fromA).toEqual(fromB);
    expect(fromA).toMatchObject({
      total_processed: 400,
      total_failed: 0,
      queued: 0,
      events_by_source: { supabase: 400 },
    });
    process.stdout.write(
      `replicas: 400 events over 2 processes, handler runs per event: ${[...new Set(runs)].join(',')}\n`,
    );
  });

  it('lets the surviving replica finish the work of one killed mid-burst', async () => {
    const burst = ids('k', 300);
    for (const id of burst) source.put('killed', { id, updated_at: '2026-11-20T10:00:00+00:00' });
    // Slow the source so the victim holds jobs in flight when it dies.
    source.latencyMs = 200;
    const acks = new Acknowledgements();
    const firing = fireSupabase([a.url, b.url], 'killed', burst, 8, acks);
    await acks.reached(60);
    await b.kill();
    const fired = await firing;
    const acked = fired.filter((f) => f.status === 202).map((f) => f.recordId);
    expect(acked.length).toBeGreaterThan(30);
    await eventually(async () => (await stats(a)).queued === 0, 90_000, 500);
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ record_id: string }>(
      "SELECT record_id FROM sync_records WHERE source = 'supabase' AND table_name = 'killed'",
    );
    await client.end();
    const mirrored = new Set(rows.map((r) => r.record_id));
    expect(acked.filter((id) => !mirrored.has(id))).toEqual([]);
    expect((await stats(a)).total_failed).toBe(0);
    process.stdout.write(
      `replica killed: ${acked.length} acknowledged, all processed by the survivor\n`,
    );
    source.latencyMs = 0;
    b = await startApp(0, env());
  });
});
