// Supabase change events without source credentials: the native body and the envelope, each
// credential scheme, validation, derived keys, ordering, redelivery, the record cache, the body
// limit. Verified against the source: sync-verified.e2e-spec.ts.
import request from 'supertest';
import {
  bearer,
  expectErrorShape,
  startTestApp,
  SYNC_SECRET,
  type TestApp,
} from '../support/test-app';
import { applicantRow as row, supabaseChange } from '../support/factories';
import { processed, record, supabase } from '../support/sync';
import { fixture, hmacHex } from '../../tools/signing';
import type { Json } from '../../tools/json';

describe('Supabase sync webhooks without source credentials (e2e)', () => {
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
    // On row 43: the INSERT test's row 42 stays its own (after a tombstone its insert is stale).
    const onRow43 = (path: string) =>
      JSON.stringify(fixture(path)).replaceAll('"id":42', '"id":43');
    const update = await supabase(t, JSON.parse(onRow43('supabase/update.json')), {
      Authorization: `Bearer ${SYNC_SECRET}`,
    }).expect(202);
    await processed(t, update.body.details.event_id);
    expect((await record(t, 'supabase/applicants/43').expect(200)).body.data.status).toBe(
      'screened',
    );
    const text = onRow43('supabase/delete.json');
    const del = await request(t.url)
      .post('/api/v1/webhooks/supabase')
      .set('Content-Type', 'application/json')
      .set('X-Webhook-Signature', `sha256=${hmacHex(text, SYNC_SECRET)}`)
      .send(text)
      .expect(202);
    expect(del.body.details.event_type).toBe('delete');
    await processed(t, del.body.details.event_id);
    const copy = (await record(t, 'supabase/applicants/43').expect(200)).body;
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
      supabaseChange('applicants', row(7, 'new', '2026-11-20T10:00:00Z')),
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
        supabaseChange('flips', { id: 77, state }, { id: 77, state: previous }),
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
    const body = supabaseChange('applicants', row(8, 'new', '2026-11-20T12:00:00Z'));
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
      supabaseChange('applicants', row(9, 'new', '2026-11-20T10:00:00Z')),
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
      supabaseChange(
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
      supabaseChange(
        'applicants',
        row(10, 'hired', '2026-11-20T12:00:00Z'),
        row(10, 'new', '2026-11-20T10:00:00Z'),
      ),
    ).expect(202);
    await processed(t, newer.body.details.event_id);
    const older = await supabase(
      t,
      supabaseChange('applicants', row(10, 'new', '2026-11-20T10:00:00Z')),
    ).expect(202);
    const event = await processed(t, older.body.details.event_id);
    expect(event.outcome.action).toBe('skipped_stale');
    expect((await record(t, 'supabase/applicants/10').expect(200)).body.data.status).toBe('hired');
  });

  it('refuses a body over SYNC_BODY_LIMIT with 413', async () => {
    const big = supabaseChange('applicants', { id: 11, blob: 'x'.repeat(110 * 1024) });
    expectErrorShape((await supabase(t, big).expect(413)).body, { code: 'payload_too_large' });
  });
});
