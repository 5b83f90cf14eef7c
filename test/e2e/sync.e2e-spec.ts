// Supabase and Notion change events: accepted with 202, deduplicated, mirrored (verified against
// the fake sources when configured), ordered, retried with backoff, dead-lettered and replayed.
import request from 'supertest';
import { FakeNotion } from '../../tools/fakes/notion.fake';
import { FakeSupabase } from '../../tools/fakes/supabase.fake';
import { hmacHex, fixture, notionSignature } from '../../tools/signing';
import {
  bearer,
  eventually,
  expectErrorShape,
  NOTION_TOKEN,
  startTestApp,
  SYNC_SECRET,
  type TestApp,
} from '../support/test-app';
import type { Json } from '../../tools/json';

const supabase = (
  t: TestApp,
  body: Json,
  headers: Record<string, string> = { 'X-Webhook-Secret': SYNC_SECRET },
) => request(t.url).post('/api/v1/webhooks/supabase').set(headers).send(body);

const notion = (t: TestApp, body: Json, token = NOTION_TOKEN) => {
  const text = JSON.stringify(body);
  return request(t.url)
    .post('/api/v1/webhooks/notion')
    .set('Content-Type', 'application/json')
    .set('X-Notion-Signature', notionSignature(text, token))
    .send(text);
};

const record = (t: TestApp, path: string) =>
  request(t.url).get(`/api/v1/records/${path}`).set(bearer);

async function processed(t: TestApp, eventId: string, status = 'processed'): Promise<Json> {
  let last: Json | undefined;
  try {
    return await eventually(async () => {
      const res = await request(t.url)
        .get('/api/v1/webhooks/events')
        .query({ limit: 200 })
        .set(bearer)
        .expect(200);
      last = (res.body.data.items as Json[]).find((e) => e.id === eventId);
      return last && last.status === status ? last : undefined;
    }, 20_000);
  } catch (error) {
    throw new Error(`event ${eventId} not ${status}; last seen ${JSON.stringify(last)}`, {
      cause: error,
    });
  }
}

const row = (id: number, status: string, updatedAt: string) => ({
  id,
  name: 'Anna Schmidt',
  status,
  updated_at: updatedAt,
});
const nativeInsert = (table: string, r: Json) => ({
  type: 'INSERT',
  table,
  schema: 'public',
  record: r,
  old_record: null,
});
const nativeUpdate = (table: string, r: Json, old: Json) => ({
  type: 'UPDATE',
  table,
  schema: 'public',
  record: r,
  old_record: old,
});

describe('sync webhooks without source credentials (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('accepts the native INSERT fixture with 202 and mirrors it unverified', async () => {
    const insert = fixture<Json>('supabase/insert.json');
    const res = await supabase(t, insert).expect(202);
    expect(res.body).toEqual({
      status: 'accepted',
      message: 'Webhook payload received and queued for processing',
      details: {
        event_id: expect.any(String),
        event_type: 'insert',
        source: 'supabase',
        record_id: '42',
        table_name: 'applicants',
        timestamp: expect.any(String),
        duplicate: false,
      },
    });
    const event = await processed(t, res.body.details.event_id);
    expect(event.outcome).toMatchObject({
      verified: false,
      action: 'upserted',
      reason: 'source verification not configured',
    });
    const copy = (await record(t, 'supabase/applicants/42').expect(200)).body;
    expect(copy).toMatchObject({
      data: insert.record,
      deleted: false,
      verified: false,
      source_updated_at: '2026-11-20T10:00:00.000Z',
    });
  });

  it('applies UPDATE then DELETE (tombstone) from the fixtures', async () => {
    const update = await supabase(t, fixture('supabase/update.json'), {
      Authorization: `Bearer ${SYNC_SECRET}`,
    }).expect(202);
    await processed(t, update.body.details.event_id);
    expect((await record(t, 'supabase/applicants/42').expect(200)).body.data.status).toBe(
      'screened',
    );
    const text = JSON.stringify(fixture('supabase/delete.json'));
    const del = await request(t.url)
      .post('/api/v1/webhooks/supabase')
      .set('Content-Type', 'application/json')
      .set('X-Webhook-Signature', `sha256=${hmacHex(text, SYNC_SECRET)}`)
      .send(text)
      .expect(202);
    expect(del.body.details.event_type).toBe('delete');
    await processed(t, del.body.details.event_id);
    const copy = (await record(t, 'supabase/applicants/42').expect(200)).body;
    expect(copy).toMatchObject({ deleted: true, data: null });
  });

  it('accepts the seed envelope signed with X-Webhook-Signature', async () => {
    const text = JSON.stringify(fixture('seed/sync_envelope.json'));
    const res = await request(t.url)
      .post('/api/v1/webhooks/supabase')
      .set('Content-Type', 'application/json')
      .set('X-Webhook-Signature', hmacHex(text, SYNC_SECRET))
      .send(text)
      .expect(202);
    expect(res.body.details).toMatchObject({
      event_type: 'insert',
      source: 'supabase',
      record_id: '123',
      table_name: 'users',
    });
    await processed(t, res.body.details.event_id);
    expect((await record(t, 'supabase/users/123').expect(200)).body.data).toEqual({
      email: 'anna@example.com',
    });
  });

  it.each([
    ['a wrong shared secret', { 'X-Webhook-Secret': 'guess' }, 'invalid_signature'],
    ['a wrong bearer secret', { Authorization: 'Bearer guess' }, 'invalid_signature'],
    ['a bad HMAC', { 'X-Webhook-Signature': 'sha256=' + 'a'.repeat(64) }, 'invalid_signature'],
    ['no credential', {}, 'missing_signature'],
  ])('refuses %s with 401', async (_name, headers, code) => {
    const res = await supabase(
      t,
      nativeInsert('applicants', row(7, 'new', '2026-11-20T10:00:00Z')),
      headers,
    ).expect(401);
    expectErrorShape(res.body, { code });
  });

  it('rejects invalid payloads with 400 naming the field', async () => {
    expectErrorShape(
      (await supabase(t, { type: 'UPSERT', table: 'applicants', record: { id: 1 } }).expect(400))
        .body,
      { code: 'validation_failed' },
    );
    const envelope = await supabase(t, {
      event_type: 'insert',
      source: 'supabase',
      table_name: 'users',
    }).expect(400);
    expect(envelope.body.missing).toEqual(['record_id']);
  });

  it('accepts a row without its key column under a derived key and says so in the event', async () => {
    const res = await supabase(t, {
      type: 'INSERT',
      table: 'applicants',
      record: { name: 'no id' },
    }).expect(202);
    expect(res.body.details.record_id).toMatch(/^derived:[0-9a-f]{32}$/);
    const event = await processed(t, res.body.details.event_id);
    expect(event.outcome).toMatchObject({
      verified: false,
      action: 'upserted',
      key_derived: true,
      key_column: 'id',
      reason: expect.stringContaining("no key column 'id'"),
    });
    expect(
      (await record(t, `supabase/applicants/${res.body.details.record_id}`).expect(200)).body.data,
    ).toEqual({ name: 'no id' });
  });

  it('keeps A→B→A→B of a row without updated_at as four events, ending at B', async () => {
    const states = ['A', 'B', 'A', 'B'];
    let previous = 'none';
    const ids: string[] = [];
    for (const state of states) {
      const res = await supabase(
        t,
        nativeUpdate('flips', { id: 77, state }, { id: 77, state: previous }),
      ).expect(202);
      expect(res.body.details.duplicate).toBe(false);
      ids.push(res.body.details.event_id);
      previous = state;
    }
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) await processed(t, id);
    expect((await record(t, 'supabase/flips/77').expect(200)).body.data).toEqual({
      id: 77,
      state: 'B',
    });
  });

  it('processes a delivery redelivered with the same webhook-id once', async () => {
    const body = nativeInsert('applicants', row(8, 'new', '2026-11-20T12:00:00Z'));
    const headers = { 'X-Webhook-Secret': SYNC_SECRET, 'webhook-id': 'msg_2Lh9Ks0Pq' };
    const first = await supabase(t, body, headers).expect(202);
    const second = await supabase(t, body, headers).expect(202);
    expect(second.body.details).toMatchObject({
      event_id: first.body.details.event_id,
      duplicate: true,
    });
    await processed(t, first.body.details.event_id);
    const list = await request(t.url)
      .get('/api/v1/webhooks/events')
      .query({ source: 'supabase' })
      .set(bearer)
      .expect(200);
    expect(
      (list.body.data.items as Json[]).filter((e) => e.id === first.body.details.event_id),
    ).toHaveLength(1);
  });

  it('serves record reads from cache and invalidates them on the next event', async () => {
    const first = await supabase(
      t,
      nativeInsert('applicants', row(9, 'new', '2026-11-20T10:00:00Z')),
    ).expect(202);
    await processed(t, first.body.details.event_id);
    expect((await record(t, 'supabase/applicants/9').expect(200)).body).toMatchObject({
      cached: false,
      data: { status: 'new' },
    });
    expect((await record(t, 'supabase/applicants/9').expect(200)).body).toMatchObject({
      cached: true,
      data: { status: 'new' },
    });
    const next = await supabase(
      t,
      nativeUpdate(
        'applicants',
        row(9, 'hired', '2026-11-20T11:00:00Z'),
        row(9, 'new', '2026-11-20T10:00:00Z'),
      ),
    ).expect(202);
    await processed(t, next.body.details.event_id);
    expect((await record(t, 'supabase/applicants/9').expect(200)).body).toMatchObject({
      cached: false,
      data: { status: 'hired' },
    });
  });

  it('never lets an older Supabase event overwrite a newer one', async () => {
    const newer = await supabase(
      t,
      nativeUpdate(
        'applicants',
        row(10, 'hired', '2026-11-20T12:00:00Z'),
        row(10, 'new', '2026-11-20T10:00:00Z'),
      ),
    ).expect(202);
    await processed(t, newer.body.details.event_id);
    const older = await supabase(
      t,
      nativeInsert('applicants', row(10, 'new', '2026-11-20T10:00:00Z')),
    ).expect(202);
    const event = await processed(t, older.body.details.event_id);
    expect(event.outcome.action).toBe('skipped_stale');
    expect((await record(t, 'supabase/applicants/10').expect(200)).body.data.status).toBe('hired');
  });

  it('refuses a body over SYNC_BODY_LIMIT with 413', async () => {
    const big = nativeInsert('applicants', { id: 11, blob: 'x'.repeat(110 * 1024) });
    expectErrorShape((await supabase(t, big).expect(413)).body, { code: 'payload_too_large' });
  });

  describe('notion', () => {
    const handshake = fixture<Json>('notion/verification.json');

    it('takes the unsigned handshake, shows it to the operator and never trusts it as a key', async () => {
      const res = await request(t.url).post('/api/v1/webhooks/notion').send(handshake).expect(200);
      expect(res.body).toEqual({
        status: 'success',
        message: 'Verification token received; configure it as NOTION_VERIFICATION_TOKEN',
      });
      const shown = await request(t.url)
        .get('/api/v1/webhooks/notion/verification')
        .set(bearer)
        .expect(200);
      expect(shown.body).toEqual({
        verification_token: handshake.verification_token,
        received_at: expect.any(String),
        configured: false,
        handshakes: [
          {
            verification_token: handshake.verification_token,
            first_received_at: expect.any(String),
            last_received_at: expect.any(String),
            count: 1,
            source_addresses: ['127.0.0.1'],
            configured: false,
          },
        ],
        warning: null,
      });
      await request(t.url).get('/api/v1/webhooks/notion/verification').expect(401);
      // Signed with the posted (unconfigured) token: refused.
      const forged = await notion(
        t,
        fixture('notion/page_created.json'),
        handshake.verification_token,
      ).expect(401);
      expectErrorShape(forged.body, { code: 'invalid_signature' });
    });

    it('keeps every handshake: a forged one neither replaces the real one nor the configured token', async () => {
      const configured = { verification_token: NOTION_TOKEN };
      await request(t.url).post('/api/v1/webhooks/notion').send(configured).expect(200);
      await request(t.url)
        .post('/api/v1/webhooks/notion')
        .set('X-Forwarded-For', '10.9.8.7')
        .send({ verification_token: 'secret_attacker' })
        .expect(200);
      await request(t.url).post('/api/v1/webhooks/notion').send(configured).expect(200);
      const shown = await request(t.url)
        .get('/api/v1/webhooks/notion/verification')
        .set(bearer)
        .expect(200);
      // The configured token is what the top-level fields show, however many others arrived.
      expect(shown.body).toMatchObject({
        verification_token: NOTION_TOKEN,
        configured: true,
        warning: expect.stringContaining('different tokens'),
      });
      const byToken = new Map(
        (shown.body.handshakes as { verification_token: string }[]).map((h) => [
          h.verification_token,
          h,
        ]),
      );
      expect(byToken.get(NOTION_TOKEN)).toMatchObject({ count: 2, configured: true });
      expect(byToken.get('secret_attacker')).toMatchObject({
        count: 1,
        configured: false,
        source_addresses: ['10.9.8.7'],
      });
      expect(byToken.get(handshake.verification_token as string)).toMatchObject({ count: 1 });
      expect(shown.body.handshakes[0].verification_token).toBe(NOTION_TOKEN);
      // The attacker's token still signs nothing.
      await notion(t, fixture('notion/page_created.json'), 'secret_attacker').expect(401);
    });

    it('refuses an unsigned event', async () => {
      const res = await request(t.url)
        .post('/api/v1/webhooks/notion')
        .send(fixture('notion/page_created.json'))
        .expect(401);
      expectErrorShape(res.body, { code: 'missing_signature' });
    });

    it('accepts signed events, dedups on the event id and keeps the newest state when they arrive out of order', async () => {
      const deleted = await notion(t, fixture('notion/page_deleted.json')).expect(202);
      expect(deleted.body.details).toMatchObject({
        source: 'notion',
        event_type: 'delete',
        table_name: 'page',
        record_id: '153104cd-477e-809d-8dc4-ff2d96ae3090',
      });
      await processed(t, deleted.body.details.event_id);
      const updated = await notion(t, fixture('notion/page_properties_updated.json')).expect(202);
      const created = await notion(t, fixture('notion/page_created.json')).expect(202);
      expect((await processed(t, updated.body.details.event_id)).outcome.action).toBe(
        'skipped_stale',
      );
      expect((await processed(t, created.body.details.event_id)).outcome.action).toBe(
        'skipped_stale',
      );
      const again = await notion(t, {
        ...fixture<Json>('notion/page_created.json'),
        attempt_number: 2,
      }).expect(202);
      expect(again.body.details).toMatchObject({
        event_id: created.body.details.event_id,
        duplicate: true,
      });
      const copy = (await record(t, 'notion/page/153104cd-477e-809d-8dc4-ff2d96ae3090').expect(200))
        .body;
      expect(copy).toMatchObject({ deleted: true, source_updated_at: '2026-11-20T10:10:00.000Z' });
    });

    it('accepts the envelope with source notion', async () => {
      const text = JSON.stringify({
        event_type: 'update',
        source: 'notion',
        table_name: 'page',
        record_id: 'abc-1',
        data: { title: 'x' },
        timestamp: '2026-11-20T10:00:00Z',
      });
      const res = await request(t.url)
        .post('/api/v1/webhooks/notion')
        .set('Content-Type', 'application/json')
        .set('X-Webhook-Signature', hmacHex(text, SYNC_SECRET))
        .send(text)
        .expect(202);
      expect(res.body.details).toMatchObject({
        source: 'notion',
        event_type: 'update',
        record_id: 'abc-1',
      });
    });
  });

  it('dry-runs an envelope through POST /test: nothing mirrored, logged or counted', async () => {
    // Earlier tests' events may still be in flight: start from a settled log.
    const before = await eventually(async () => {
      const settled = (await request(t.url).get('/api/v1/webhooks/stats').set(bearer).expect(200))
        .body;
      return settled.queued === 0 ? settled : undefined;
    });
    const logBefore = (await request(t.url).get('/api/v1/webhooks/events').set(bearer)).body.data
      .items.length;
    const envelope = {
      event_type: 'insert',
      source: 'supabase',
      table_name: 'probe',
      record_id: 'p1',
      data: { ok: true },
    };
    const res = await request(t.url)
      .post('/api/v1/webhooks/test')
      .set(bearer)
      .send(envelope)
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'valid',
      message: 'Webhook payload is valid',
      dry_run: true,
      would_be_processed: true,
      parsed_payload: envelope,
      outcome: { action: 'upserted', verified: false },
      error: null,
    });
    await record(t, 'supabase/probe/p1').expect(404);
    const after = (await request(t.url).get('/api/v1/webhooks/stats').set(bearer).expect(200)).body;
    expect(after).toEqual(before);
    expect(
      (await request(t.url).get('/api/v1/webhooks/events').set(bearer)).body.data.items.length,
    ).toBe(logBefore);
    expectErrorShape(
      (
        await request(t.url)
          .post('/api/v1/webhooks/test')
          .set(bearer)
          .send({ event_type: 'insert' })
          .expect(400)
      ).body,
      { code: 'missing_required_fields' },
    );
  });

  it('pages the event log with a cursor and filters by source and status', async () => {
    const page1 = await request(t.url)
      .get('/api/v1/webhooks/events')
      .query({ limit: 2 })
      .set(bearer)
      .expect(200);
    expect(page1.body.data.items).toHaveLength(2);
    const page2 = await request(t.url)
      .get('/api/v1/webhooks/events')
      .query({ limit: 2, cursor: page1.body.data.next_cursor })
      .set(bearer)
      .expect(200);
    const ids1 = page1.body.data.items.map((e: Json) => e.id);
    expect(
      page2.body.data.items.map((e: Json) => e.id).some((id: string) => ids1.includes(id)),
    ).toBe(false);
    expect(Date.parse(page1.body.data.items[1].received_at)).toBeGreaterThanOrEqual(
      Date.parse(page2.body.data.items[0].received_at),
    );
    const notionOnly = await request(t.url)
      .get('/api/v1/webhooks/events')
      .query({ source: 'notion', status: 'processed' })
      .set(bearer)
      .expect(200);
    expect(notionOnly.body.data.items.length).toBeGreaterThan(0);
    expect(
      notionOnly.body.data.items.every(
        (e: Json) => e.source === 'notion' && e.status === 'processed',
      ),
    ).toBe(true);
    await request(t.url)
      .get('/api/v1/webhooks/events')
      .query({ status: 'bogus' })
      .set(bearer)
      .expect(400);
  });
});

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

  it('mirrors the source state, not the payload', async () => {
    source.put('applicants', row(100, 'interview', '2026-11-20T13:00:00Z'));
    const res = await supabase(
      t,
      nativeInsert('applicants', row(100, 'new', '2026-11-20T10:00:00Z')),
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
      nativeInsert('interviews', { interview_id: 'iv-9', stage: 'new' }),
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
      nativeInsert('applicants', row(101, 'new', '2026-11-20T10:00:00Z')),
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
      nativeInsert('applicants', row(102, 'new', '2026-11-20T10:00:00Z')),
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
      nativeInsert('applicants', row(103, 'offer', '2026-11-20T10:00:00Z')),
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

describe('sync stats (e2e)', () => {
  it('reports exact figures from the database', async () => {
    const source = await new FakeSupabase().start();
    source.fail(/^\/rest\/v1\/broken/, { status: 500 });
    const t = await startTestApp({
      SUPABASE_URL: source.url,
      SUPABASE_KEY: source.apiKey,
      SYNC_MAX_ATTEMPTS: '1',
    });
    try {
      const empty = (await request(t.url).get('/api/v1/webhooks/stats').set(bearer).expect(200))
        .body;
      expect(empty).toEqual({
        total_processed: 0,
        total_failed: 0,
        success_rate: 0,
        average_processing_time_seconds: 0,
        events_by_type: {},
        events_by_provider_type: {},
        events_by_source: {},
        total_retries: 0,
        dead_lettered: 0,
        queued: 0,
      });
      const ids: string[] = [];
      for (let i = 1; i <= 3; i++) {
        source.put('applicants', row(i, 'new', '2026-11-20T10:00:00Z'));
        ids.push(
          (
            await supabase(
              t,
              nativeInsert('applicants', row(i, 'new', '2026-11-20T10:00:00Z')),
            ).expect(202)
          ).body.details.event_id,
        );
      }
      ids.push(
        (
          await supabase(
            t,
            nativeUpdate(
              'applicants',
              row(1, 'x', '2026-11-20T11:00:00Z'),
              row(1, 'new', '2026-11-20T10:00:00Z'),
            ),
          ).expect(202)
        ).body.details.event_id,
      );
      const broken = (
        await supabase(t, nativeInsert('broken', row(5, 'new', '2026-11-20T10:00:00Z'))).expect(202)
      ).body.details.event_id;
      for (const id of ids) await processed(t, id);
      await processed(t, broken, 'dead');
      const stats = (await request(t.url).get('/api/v1/webhooks/stats').set(bearer).expect(200))
        .body;
      expect(stats).toEqual({
        total_processed: 4,
        total_failed: 1,
        success_rate: 0.8,
        average_processing_time_seconds: expect.any(Number),
        events_by_type: { insert: 4, update: 1 },
        events_by_provider_type: {},
        events_by_source: { supabase: 5 },
        total_retries: 0,
        dead_lettered: 1,
        queued: 0,
      });
      expect(stats.average_processing_time_seconds).toBeGreaterThanOrEqual(0);
      expect(stats.average_processing_time_seconds).toBeLessThan(5);
    } finally {
      await t.close();
      await source.stop();
    }
  });
});
