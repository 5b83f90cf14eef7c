// The sync event log as the operator reads it: a dry run through POST /test changes nothing,
// the log pages with a cursor and filters by source and status, the stats are exact figures
// from the database.
import request from 'supertest';
import {
  bearer,
  eventually,
  expectErrorShape,
  startTestApp,
  SYNC_SECRET,
  type TestApp,
} from '../support/test-app';
import { applicantRow as row, supabaseChange } from '../support/factories';
import { processed, record, supabase } from '../support/sync';
import { FakeSupabase } from '../../tools/fakes/supabase.fake';
import { hmacHex } from '../../tools/signing';
import type { Json } from '../../tools/json';

describe('the sync event log (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

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
    // Events of its own: three Supabase rows and a Notion envelope, all processed.
    const sent = [];
    for (const id of [1, 2, 3])
      sent.push(
        await supabase(t, supabaseChange('paged', row(id, 'new', '2026-11-20T10:00:00Z'))).expect(
          202,
        ),
      );
    const envelope = JSON.stringify({
      event_type: 'update',
      source: 'notion',
      table_name: 'page',
      record_id: 'paged-1',
      data: { title: 'x' },
      timestamp: '2026-11-20T10:00:00Z',
    });
    sent.push(
      await request(t.url)
        .post('/api/v1/webhooks/notion')
        .set('Content-Type', 'application/json')
        .set('X-Webhook-Signature', hmacHex(envelope, SYNC_SECRET))
        .send(envelope)
        .expect(202),
    );
    for (const res of sent) await processed(t, res.body.details.event_id);
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
              supabaseChange('applicants', row(i, 'new', '2026-11-20T10:00:00Z')),
            ).expect(202)
          ).body.details.event_id,
        );
      }
      ids.push(
        (
          await supabase(
            t,
            supabaseChange(
              'applicants',
              row(1, 'x', '2026-11-20T11:00:00Z'),
              row(1, 'new', '2026-11-20T10:00:00Z'),
            ),
          ).expect(202)
        ).body.details.event_id,
      );
      const broken = (
        await supabase(t, supabaseChange('broken', row(5, 'new', '2026-11-20T10:00:00Z'))).expect(
          202,
        )
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
