// Sync events verified against fake Supabase and Notion: the source's state is mirrored, not the
// payload; a missing record is tombstoned; a failing source is retried with backoff, then
// dead-lettered and replayed once it recovers.
import request from 'supertest';
import { bearer, startTestApp, type TestApp } from '../support/test-app';
import { applicantRow as row, supabaseChange } from '../support/factories';
import { notion, processed, record, supabase } from '../support/sync';
import { FakeNotion } from '../../tools/fakes/notion.fake';
import { FakeSupabase } from '../../tools/fakes/supabase.fake';
import { fixture } from '../../tools/signing';
import type { Json } from '../../tools/json';

describe('sync webhooks verified against the sources (e2e)', () => {
  let t: TestApp;
  const source = new FakeSupabase();
  const notionApi = new FakeNotion();

  beforeAll(async () => {
    await Promise.all([source.start(), notionApi.start()]);
    t = await startTestApp({
      SUPABASE_URL: source.url,
      SUPABASE_KEY: source.apiKey,
      NOTION_API_KEY: notionApi.apiKey,
      NOTION_API_URL: notionApi.url,
      SYNC_MAX_ATTEMPTS: '3',
      SYNC_RETRY_DELAY_SECONDS: '1',
      SYNC_SOURCE_TIMEOUT_MS: '1000',
      SUPABASE_PRIMARY_KEYS: 'interviews=interview_id',
    });
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([source.stop(), notionApi.stop()]);
  });
  afterEach(() => {
    source.heal();
    notionApi.heal();
  });

  it('mirrors the source state, not the payload', async () => {
    source.put('applicants', row(100, 'interview', '2026-11-20T13:00:00Z'));
    const res = await supabase(
      t,
      supabaseChange('applicants', row(100, 'new', '2026-11-20T10:00:00Z')),
    ).expect(202);
    const event = await processed(t, res.body.details.event_id);
    expect(event.outcome).toEqual({
      verified: true,
      action: 'upserted',
      version: '2026-11-20T13:00:00Z',
    });
    expect((await record(t, 'supabase/applicants/100').expect(200)).body).toMatchObject({
      verified: true,
      data: { status: 'interview' },
    });
    expect(source.lookups('applicants', 100)).toBe(1);
  });

  it('verifies a row keyed by interview_id by that key (SUPABASE_PRIMARY_KEYS)', async () => {
    source.keyColumns.set('interviews', 'interview_id');
    source.put('interviews', { interview_id: 'iv-9', stage: 'scheduled' });
    const res = await supabase(
      t,
      supabaseChange('interviews', { interview_id: 'iv-9', stage: 'new' }),
    ).expect(202);
    expect(res.body.details.record_id).toBe('iv-9');
    const event = await processed(t, res.body.details.event_id);
    expect(event.outcome).toMatchObject({ verified: true, action: 'upserted' });
    expect(source.lookups('interviews', 'iv-9')).toBe(1);
    expect((await record(t, 'supabase/interviews/iv-9').expect(200)).body).toMatchObject({
      verified: true,
      data: { interview_id: 'iv-9', stage: 'scheduled' },
    });
  });

  it('tombstones a record the source no longer has', async () => {
    const res = await supabase(
      t,
      supabaseChange('applicants', row(101, 'new', '2026-11-20T10:00:00Z')),
    ).expect(202);
    expect((await processed(t, res.body.details.event_id)).outcome.action).toBe('tombstoned');
    expect((await record(t, 'supabase/applicants/101').expect(200)).body).toMatchObject({
      deleted: true,
      verified: true,
    });
  });

  it('retries a failing source with backoff and succeeds on attempt 3', async () => {
    const before = (await request(t.url).get('/api/v1/webhooks/stats').set(bearer).expect(200))
      .body;
    source.put('applicants', row(102, 'new', '2026-11-20T10:00:00Z'));
    source.fail(/^\/rest\/v1\/applicants/, { status: 500, body: { message: 'boom' } }, 2);
    const res = await supabase(
      t,
      supabaseChange('applicants', row(102, 'new', '2026-11-20T10:00:00Z')),
    ).expect(202);
    const event = await processed(t, res.body.details.event_id);
    expect(event.attempts).toBe(3);
    expect(source.lookups('applicants', 102)).toBe(3);
    const gaps = source
      .received('GET', '/rest/v1/applicants')
      .filter((r) => r.query.get('id') === 'eq.102')
      .map((r) => r.at);
    expect(gaps[1] - gaps[0]).toBeGreaterThanOrEqual(900);
    expect(gaps[2] - gaps[1]).toBeGreaterThanOrEqual(1900);
    const after = (await request(t.url).get('/api/v1/webhooks/stats').set(bearer).expect(200)).body;
    expect(after.total_retries - before.total_retries).toBe(2);
  });

  it('dead-letters after SYNC_MAX_ATTEMPTS and replays once the source recovers', async () => {
    source.heal();
    source.put('applicants', row(103, 'offer', '2026-11-20T10:00:00Z'));
    source.fail(/^\/rest\/v1\/applicants/, { status: 503, body: { message: 'down' } });
    const res = await supabase(
      t,
      supabaseChange('applicants', row(103, 'offer', '2026-11-20T10:00:00Z')),
    ).expect(202);
    const dead = await processed(t, res.body.details.event_id, 'dead');
    expect(dead).toMatchObject({ attempts: 3, last_error: 'Supabase answered 503' });
    const deadList = await request(t.url)
      .get('/api/v1/webhooks/events')
      .query({ status: 'dead' })
      .set(bearer)
      .expect(200);
    expect(deadList.body.data.items.map((e: Json) => e.id)).toContain(res.body.details.event_id);
    const stats = (await request(t.url).get('/api/v1/webhooks/stats').set(bearer).expect(200)).body;
    expect(stats.dead_lettered).toBe(1);

    source.heal();
    const replay = await request(t.url)
      .post(`/api/v1/webhooks/events/${res.body.details.event_id}/replay`)
      .set(bearer)
      .expect(202);
    expect(replay.body).toMatchObject({
      status: 'accepted',
      // Attempts keep counting across the replay (the stats' retry total never goes down).
      event: { id: res.body.details.event_id, status: 'received', attempts: 3 },
    });
    const done = await processed(t, res.body.details.event_id);
    expect(done.outcome).toMatchObject({ verified: true, action: 'upserted' });
    expect(
      (await request(t.url).get('/api/v1/webhooks/stats').set(bearer).expect(200)).body
        .dead_lettered,
    ).toBe(0);
    // A processed event replays too (the events suite covers the reason kept in its history).
    await request(t.url)
      .post(`/api/v1/webhooks/events/${res.body.details.event_id}/replay`)
      .set(bearer)
      .send({ reason: 'check the source again' })
      .expect(202);
    await processed(t, res.body.details.event_id);
    await request(t.url)
      .post('/api/v1/webhooks/events/00000000-0000-4000-8000-000000000000/replay')
      .set(bearer)
      .expect(404);
    await request(t.url).post('/api/v1/webhooks/events/not-a-uuid/replay').set(bearer).expect(404);
  });

  it('fetches Notion pages through the API and tombstones a page the API no longer finds', async () => {
    notionApi.put(fixture('notion/page.json'));
    const created = await notion(t, fixture('notion/page_created.json')).expect(202);
    const event = await processed(t, created.body.details.event_id);
    expect(event.outcome).toMatchObject({
      verified: true,
      action: 'upserted',
      version: '2026-11-20T10:05:00.000Z',
    });
    const copy = (await record(t, 'notion/page/153104cd-477e-809d-8dc4-ff2d96ae3090').expect(200))
      .body;
    expect(copy.data.properties.title.title[0].plain_text).toBe('Onboarding Pflegekräfte');
    expect(
      notionApi.received('GET', '/v1/pages/153104cd-477e-809d-8dc4-ff2d96ae3090')[0].headers[
        'notion-version'
      ],
    ).toBe('2022-06-28');
    notionApi.pages.clear();
    const deleted = await notion(t, fixture('notion/page_deleted.json')).expect(202);
    expect((await processed(t, deleted.body.details.event_id)).outcome.action).toBe('tombstoned');
  });
});
