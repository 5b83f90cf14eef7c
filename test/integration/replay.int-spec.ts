// Bulk replay on PostgreSQL with two replicas: the same replay request sent to both at once
// queues each dead event exactly once, and each is processed once more (counted at the source).
import request from 'supertest';
import { FakeSupabase } from '../../tools/fakes/supabase.fake';
import { startApp, type AppProcess } from '../support/app-process';
import { fireSupabase, ids } from '../support/load';
import { createTempDatabase, processEnv, type TempDatabase } from '../support/postgres';
import { bearer, eventually } from '../support/test-app';

type Json = Record<string, any>;

describe('bulk replay with two replicas on PostgreSQL (integration)', () => {
  let db: TempDatabase;
  const source = new FakeSupabase();
  let a: AppProcess;
  let b: AppProcess;

  beforeAll(async () => {
    await source.start();
    db = await createTempDatabase();
    const env = processEnv(db.url, {
      SUPABASE_URL: source.url,
      SUPABASE_KEY: source.apiKey,
      SYNC_MAX_ATTEMPTS: '1',
      THROTTLE_LIMIT: '100000',
    });
    [a, b] = await Promise.all([startApp(0, env), startApp(0, env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await source.stop();
    await db?.drop();
  });

  const events = async (query: Json): Promise<Json[]> =>
    (await request(a.url).get('/api/v1/webhooks/events').query(query).set(bearer).expect(200)).body
      .data.items;

  it('queues each dead event once however many replicas are asked at once', async () => {
    const records = ids('dead', 120);
    source.fail(/^\/rest\/v1\/replayed/, { status: 503, body: { message: 'down' } });
    const fired = await fireSupabase([a.url, b.url], 'replayed', records);
    expect(fired.filter((f) => f.status === 202)).toHaveLength(120);
    await eventually(
      async () => (await events({ status: 'dead', limit: 200 })).length === 120,
      60_000,
      250,
    );
    expect(records.map((id) => source.lookups('replayed', id)).every((n) => n === 1)).toBe(true);

    source.heal();
    for (const id of records)
      source.put('replayed', { id, updated_at: '2026-11-20T10:00:00+00:00' });
    const body = { source: 'supabase', status: 'dead', limit: 500, reason: 'source back' };
    const answers = await Promise.all(
      [a, b, a, b].map((app) =>
        request(app.url).post('/api/v1/webhooks/events/replay').set(bearer).send(body),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual([202, 202, 202, 202]);
    const queued = answers.flatMap((r) => r.body.event_ids as string[]);
    expect(answers.reduce((sum, r) => sum + (r.body.queued as number), 0)).toBe(120);
    expect(new Set(queued).size).toBe(120);

    await eventually(
      async () => (await events({ status: 'processed', limit: 200 })).length === 120,
      60_000,
      250,
    );
    // One failed attempt before, exactly one after the replay.
    expect(records.map((id) => source.lookups('replayed', id)).filter((n) => n !== 2)).toEqual([]);
    const sample = (
      await request(b.url).get(`/api/v1/webhooks/events/${queued[0]}`).set(bearer).expect(200)
    ).body.data;
    expect(sample.attempt_history.filter((e: Json) => e.kind === 'replay')).toEqual([
      expect.objectContaining({ reason: 'source back' }),
    ]);
    const again = await request(b.url)
      .post('/api/v1/webhooks/events/replay')
      .set(bearer)
      .send(body);
    expect(again.body).toMatchObject({ queued: 0, more: false });
  });
});
