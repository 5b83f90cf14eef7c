// The event log API: one event with its redacted headers and attempt history, the list filters
// (each item names its subject), single replay (processed events too, with a reason) and bulk
// replay by filter, limited and idempotent.
import request from 'supertest';
import { FakeSupabase } from '../../tools/fakes/supabase.fake';
import { eventWithStatus, getEvent, postSupabase, supabaseInsert } from '../support/events';
import {
  bearer,
  expectErrorShape,
  startTestApp,
  SYNC_SECRET,
  type TestApp,
} from '../support/test-app';

type Json = Record<string, any>;
const applicant = (id: number) => ({
  id,
  name: 'Anna Schmidt',
  updated_at: '2026-11-20T10:00:00Z',
});

describe('event log API (e2e)', () => {
  let t: TestApp;
  const source = new FakeSupabase();

  beforeAll(async () => {
    await source.start();
    t = await startTestApp({
      SUPABASE_URL: source.url,
      SUPABASE_KEY: source.apiKey,
      SYNC_MAX_ATTEMPTS: '1',
      SYNC_SOURCE_TIMEOUT_MS: '1000',
    });
  });
  afterAll(async () => {
    await t.close();
    await source.stop();
  });
  afterEach(() => source.heal());

  it('shows one event: payload, redacted headers, subject, attempts and outcome', async () => {
    source.put('applicants', applicant(201));
    const id = await postSupabase(t.url, supabaseInsert('applicants', applicant(201)));
    const event = await eventWithStatus(t, id, 'processed');
    expect(event).toMatchObject({
      id,
      source: 'supabase',
      type: 'insert',
      subject: '201',
      status: 'processed',
      payload: { body: { record: { id: 201 } } },
      outcome: { verified: true },
      replayable: true,
    });
    expect(event.headers['x-webhook-secret']).toBe('[redacted]');
    expect(event.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.stringify(event)).not.toContain(SYNC_SECRET);
    expect(event.attempt_history).toEqual([
      expect.objectContaining({
        kind: 'attempt',
        outcome: 'processed',
        duration_ms: expect.any(Number),
      }),
    ]);
    expect(Date.parse(event.attempt_history[0].at)).toBeGreaterThan(0);
  });

  it('answers 404 for an unknown or malformed id and 401 without a token', async () => {
    const missing = await request(t.url)
      .get('/api/v1/webhooks/events/00000000-0000-4000-8000-000000000000')
      .set(bearer)
      .expect(404);
    expectErrorShape(missing.body, { code: 'event_not_found' });
    await request(t.url).get('/api/v1/webhooks/events/nope').set(bearer).expect(404);
    await request(t.url)
      .get('/api/v1/webhooks/events/00000000-0000-4000-8000-000000000000')
      .expect(401);
  });

  it('records each attempt with its error and keeps the failure in the history', async () => {
    source.fail(/^\/rest\/v1\/applicants/, { status: 503, body: { message: 'down' } });
    const id = await postSupabase(t.url, supabaseInsert('applicants', applicant(202)));
    const dead = await eventWithStatus(t, id, 'dead');
    expect(dead.attempt_history).toEqual([
      expect.objectContaining({ kind: 'attempt', outcome: 'dead', error: 'Supabase answered 503' }),
    ]);
  });

  it('filters the list by source, status, type, subject and time, and names each subject', async () => {
    source.put('applicants', applicant(203));
    const before = new Date(Date.now() - 1000).toISOString();
    const id = await postSupabase(t.url, supabaseInsert('applicants', applicant(203)));
    await eventWithStatus(t, id, 'processed');
    const list = (query: Json) =>
      request(t.url).get('/api/v1/webhooks/events').query(query).set(bearer).expect(200);

    const bySubject = (await list({ subject: '203' })).body.data.items as Json[];
    expect(bySubject.map((e) => e.id)).toEqual([id]);
    expect(bySubject[0]).toMatchObject({ subject: '203', source: 'supabase', type: 'insert' });
    expect((await list({ subject: '203', type: 'update' })).body.data.items).toEqual([]);
    expect((await list({ subject: '203', source: 'notion' })).body.data.items).toEqual([]);
    expect((await list({ subject: '203', status: 'dead' })).body.data.items).toEqual([]);
    expect((await list({ subject: '203', from: before })).body.data.items).toHaveLength(1);
    expect((await list({ subject: '203', to: before })).body.data.items).toEqual([]);
    const all = (await list({ limit: 200 })).body.data.items as Json[];
    expect(all.every((e) => 'subject' in e)).toBe(true);

    const bad = await request(t.url)
      .get('/api/v1/webhooks/events')
      .query({ from: 'yesterday' })
      .set(bearer)
      .expect(400);
    expectErrorShape(bad.body);
  });

  it('replays a processed event with the reason kept in its history', async () => {
    source.put('applicants', applicant(204));
    const id = await postSupabase(t.url, supabaseInsert('applicants', applicant(204)));
    await eventWithStatus(t, id, 'processed');
    const replay = await request(t.url)
      .post(`/api/v1/webhooks/events/${id}/replay`)
      .set(bearer)
      .send({ reason: 'source row corrected by hand' })
      .expect(202);
    expect(replay.body).toMatchObject({ status: 'accepted', event: { id, status: 'received' } });
    await eventWithStatus(t, id, 'processed');
    const event = await getEvent(t.url, id);
    expect(event.attempt_history.map((a: Json) => a.kind)).toEqual([
      'attempt',
      'replay',
      'attempt',
    ]);
    expect(event.attempt_history[1]).toMatchObject({
      reason: 'source row corrected by hand',
      request_id: expect.any(String),
    });
    const invalid = await request(t.url)
      .post(`/api/v1/webhooks/events/${id}/replay`)
      .set(bearer)
      .send({ reason: 7 })
      .expect(400);
    expectErrorShape(invalid.body);
  });

  it('refuses to replay an event of a source without processing (409)', async () => {
    const generic = await request(t.url)
      .post('/webhook')
      .set(bearer)
      .send({ event_type: 'user_signup', user_id: 'user_77' })
      .expect(200);
    const res = await request(t.url)
      .post(`/api/v1/webhooks/events/${generic.body.data.event_id}/replay`)
      .set(bearer)
      .expect(409);
    expectErrorShape(res.body, { code: 'not_replayable' });
    expect((await getEvent(t.url, generic.body.data.event_id)).subject).toBe('user_77');
  });

  it('bulk-replays dead events by filter, at most `limit`, each once however often asked', async () => {
    source.fail(/^\/rest\/v1\/bulk/, { status: 500, body: { message: 'boom' } });
    // Same clock as the database's now(); a margin would let in the dead event of an earlier
    // test, which fast processing leaves well within a second.
    const since = new Date().toISOString();
    const ids: string[] = [];
    for (const n of [301, 302, 303])
      ids.push(await postSupabase(t.url, supabaseInsert('bulk', applicant(n))));
    for (const id of ids) await eventWithStatus(t, id, 'dead');

    // Still failing: replayed events die again, and can be replayed again.
    const one = await request(t.url)
      .post('/api/v1/webhooks/events/replay')
      .set(bearer)
      .send({ source: 'supabase', status: 'dead', subject: '301', reason: 'try one' })
      .expect(202);
    expect(one.body).toEqual({
      status: 'accepted',
      queued: 1,
      event_ids: [ids[0]],
      more: false,
      cursor: null,
    });
    await eventWithStatus(t, ids[0], 'dead');

    source.heal();
    for (const n of [301, 302, 303]) source.put('bulk', applicant(n));
    const limited = await request(t.url)
      .post('/api/v1/webhooks/events/replay')
      .set(bearer)
      .send({ source: 'supabase', type: 'insert', status: 'dead', from: since, limit: 2 })
      .expect(202);
    expect(limited.body).toMatchObject({ queued: 2, more: true, cursor: expect.any(String) });
    expect(limited.body.event_ids).toEqual(expect.arrayContaining([ids[0], ids[1]]));
    const rest = request(t.url).post('/api/v1/webhooks/events/replay').set(bearer);
    const [a, b] = await Promise.all([
      rest.send({ source: 'supabase', status: 'dead', from: since }),
      request(t.url)
        .post('/api/v1/webhooks/events/replay')
        .set(bearer)
        .send({ source: 'supabase', status: 'dead', from: since }),
    ]);
    const queuedIds = [...a.body.event_ids, ...b.body.event_ids];
    expect(queuedIds.filter((id) => ids.includes(id))).toEqual([ids[2]]);
    for (const id of ids) await eventWithStatus(t, id, 'processed');
    const replays = (await getEvent(t.url, ids[2])).attempt_history.filter(
      (e: Json) => e.kind === 'replay',
    );
    expect(replays).toHaveLength(1);
    expect(replays[0].reason).toBe('bulk replay');

    const refused = await request(t.url)
      .post('/api/v1/webhooks/events/replay')
      .set(bearer)
      .send({ status: 'processed' })
      .expect(400);
    expectErrorShape(refused.body);
    await request(t.url)
      .post('/api/v1/webhooks/events/replay')
      .set(bearer)
      .send({ limit: 501 })
      .expect(400);
  });

  it('counts events per hour for the charts', async () => {
    source.put('charts', { id: 1 });
    await eventWithStatus(
      t,
      await postSupabase(t.url, supabaseInsert('charts', { id: 1 })),
      'processed',
    );
    const res = await request(t.url)
      .get('/api/v1/webhooks/events/activity')
      .query({ hours: 3, sources: 'supabase' })
      .set(bearer)
      .expect(200);
    const buckets = res.body.data as Json[];
    expect(buckets.length).toBeGreaterThanOrEqual(3);
    const sum = (key: string) => buckets.reduce((total, b) => total + b[key], 0);
    // What the log holds for Supabase (whatever the other tests of this app sent), per status;
    // the generic event of another test is another source. At least this test's own event.
    const logged = (
      await request(t.url)
        .get('/api/v1/webhooks/events')
        .query({ source: 'supabase', limit: 200 })
        .set(bearer)
        .expect(200)
    ).body.data.items as Json[];
    const withStatus = (status: string) => logged.filter((e) => e.status === status).length;
    expect(logged.length).toBeGreaterThanOrEqual(1);
    expect(sum('received')).toBe(logged.length);
    expect(sum('dead')).toBe(withStatus('dead'));
    expect(sum('processed')).toBe(withStatus('processed'));
  });
});
