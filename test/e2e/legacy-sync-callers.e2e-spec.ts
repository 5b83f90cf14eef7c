// The old sync service's callers: the signed envelope for Supabase and Notion, the /test dry
// run and the stats as that service reported them, on the old variable names.
import request from 'supertest';
import { fixture, notionSignature } from '../../tools/signing';
import type { Json } from '../../tools/json';
import { eventOf, oldBearer, seed, signedEnvelope, useLegacyApp } from '../support/legacy-app';
import { eventually, expectErrorShape, NOTION_TOKEN, type TestApp } from '../support/test-app';

describe('old sync callers, old variable names (e2e)', () => {
  const legacy = useLegacyApp();
  const { notionApi, source } = legacy;
  let t: TestApp;
  beforeAll(() => {
    t = legacy.t;
  });

  it("the Supabase envelope answers with the event's own timestamp", async () => {
    const envelope = seed('sync_envelope.json');
    const res = await signedEnvelope(t, 'supabase', envelope).expect(202);
    expect(res.body).toMatchObject({
      status: 'accepted',
      message: 'Webhook payload received and queued for processing',
      details: {
        event_type: 'insert',
        source: 'supabase',
        record_id: '123',
        table_name: 'users',
        timestamp: '2026-11-20T15:00:00.000Z',
      },
    });
    await eventOf(t, res.body.details.event_id);
  });

  it('an envelope of the other source is refused with 400, as before', async () => {
    const res = await signedEnvelope(t, 'supabase', {
      ...seed('sync_envelope.json'),
      source: 'notion',
    }).expect(400);
    expectErrorShape(res.body, { code: 'wrong_source' });
    expect(res.body.details).toEqual({ expected: 'supabase' });
  });

  it('a Notion envelope (table_name = database, record_id = page) is verified against Notion', async () => {
    const page = fixture<Json>('notion/page.json');
    notionApi.put(page);
    const res = await signedEnvelope(t, 'notion', {
      event_type: 'update',
      source: 'notion',
      table_name: 'e8d4b0a1c7f24a9e8f2d5c3b1a6e9f4d',
      record_id: page.id,
      data: { properties: {} },
      timestamp: '2026-11-20T10:00:00Z',
    }).expect(202);
    expect(res.body.details).toMatchObject({
      database_id: 'e8d4b0a1c7f24a9e8f2d5c3b1a6e9f4d',
      record_id: page.id,
      timestamp: '2026-11-20T10:00:00.000Z',
    });
    const event = await eventOf(t, res.body.details.event_id);
    expect(event.outcome).toMatchObject({ verified: true, action: 'upserted' });
    expect(event.outcome.reason).toBeUndefined();
    expect(notionApi.received('GET', `/v1/pages/${page.id}`).length).toBeGreaterThan(0);
  });

  it('/test is the old dry run: valid payload, nothing mirrored, logged or counted', async () => {
    await request(t.url).get('/api/v1/webhooks/stats').expect(401); // auth added
    // Other tests' events may still be in flight: start from a settled log.
    const stats = await eventually(async () => {
      const settled = (await request(t.url).get('/api/v1/webhooks/stats').set(oldBearer)).body;
      return settled.queued === 0 ? settled : undefined;
    });
    const logged = (await request(t.url).get('/api/v1/webhooks/events').set(oldBearer)).body.data
      .items.length;
    const example = {
      event_type: 'insert',
      source: 'supabase',
      table_name: 'test_table',
      record_id: 'test-123',
      data: { test: 'data' },
    };
    source.put('test_table', { id: 'test-123', test: 'data' });
    const res = await request(t.url)
      .post('/api/v1/webhooks/test')
      .set({ Authorization: 'Bearer old-sync-key' })
      .send(example)
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'valid',
      message: 'Webhook payload is valid',
      parsed_payload: example,
      would_be_processed: true,
      dry_run: true,
      outcome: { verified: true, action: 'upserted' },
    });
    await request(t.url)
      .get('/api/v1/records/supabase/test_table/test-123')
      .set(oldBearer)
      .expect(404);
    expect((await request(t.url).get('/api/v1/webhooks/stats').set(oldBearer)).body).toEqual(stats);
    expect(
      (await request(t.url).get('/api/v1/webhooks/events').set(oldBearer)).body.data.items.length,
    ).toBe(logged);
  });

  it('stats: success_rate a fraction, events_by_type by change kind, retries never go down', async () => {
    // A Notion-native event: counted as an insert, its own type reported apart.
    const native = fixture<Json>('notion/page_created.json');
    notionApi.put(fixture('notion/page.json'));
    const text = JSON.stringify(native);
    const nat = await request(t.url)
      .post('/api/v1/webhooks/notion')
      .set('Content-Type', 'application/json')
      .set('X-Notion-Signature', notionSignature(text, NOTION_TOKEN))
      .send(text)
      .expect(202);
    await eventOf(t, nat.body.details.event_id);

    // A failing record: dead after SYNC_MAX_ATTEMPTS (2), replayed, dead again.
    source.fail(/^\/rest\/v1\/flaky/, { status: 503, body: { message: 'down' } });
    const res = await signedEnvelope(t, 'supabase', {
      event_type: 'update',
      source: 'supabase',
      table_name: 'flaky',
      record_id: '9',
      data: { a: 1 },
      timestamp: '2026-11-20T16:00:00Z',
    }).expect(202);
    const id = res.body.details.event_id;
    await eventOf(t, id, 'dead');
    const lookups = source.received('GET', '/rest/v1/flaky').map((r) => r.at);
    expect(lookups).toHaveLength(2);
    // Retry 1 starts no earlier than SYNC_RETRY_DELAY_SECONDS (1 s here) after the failure.
    expect(lookups[1] - lookups[0]).toBeGreaterThanOrEqual(900);
    const first = (await request(t.url).get('/api/v1/webhooks/stats').set(oldBearer)).body;
    await request(t.url).post(`/api/v1/webhooks/events/${id}/replay`).set(oldBearer).expect(202);
    await eventOf(t, id, 'dead');
    const second = (await request(t.url).get('/api/v1/webhooks/stats').set(oldBearer)).body;
    expect(second.total_retries).toBe(first.total_retries + 2);

    expect(second.success_rate).toBeGreaterThan(0);
    expect(second.success_rate).toBeLessThan(1);
    expect(second.success_rate).toBeCloseTo(
      second.total_processed / (second.total_processed + second.total_failed),
      3,
    );
    expect(Object.keys(second.events_by_type).sort()).toEqual(['insert', 'update']);
    expect(second.events_by_provider_type).toEqual({ 'page.created': 1 });
    source.heal();
  });
});
