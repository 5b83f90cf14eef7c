// Upstreams that reset the connection, answer 500 or hang: inline calls answer 502/504 within
// their timeout, background work retries as designed, and no event is left in "processing".
import request from 'supertest';
import { FakeElevenLabs } from '../../tools/fakes/elevenlabs.fake';
import { FakeHoc } from '../../tools/fakes/hoc.fake';
import { FakeNotion } from '../../tools/fakes/notion.fake';
import { FakeSupabase } from '../../tools/fakes/supabase.fake';
import { FakeWorkflow } from '../../tools/fakes/workflow.fake';
import { fixture, notionSignature } from '../../tools/signing';
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

describe('upstream faults (e2e)', () => {
  const hoc = new FakeHoc();
  const elevenlabs = new FakeElevenLabs();
  const supabase = new FakeSupabase();
  const notion = new FakeNotion();
  const workflow = new FakeWorkflow();
  let t: TestApp;

  beforeAll(async () => {
    await Promise.all([hoc, elevenlabs, supabase, notion, workflow].map((fake) => fake.start()));
    t = await startTestApp({
      HOC_API_URL: hoc.url,
      HOC_API_KEY: hoc.apiKey,
      HOC_TIMEOUT_MS: '800',
      ELEVENLABS_API_URL: elevenlabs.url,
      ELEVENLABS_API_KEY: elevenlabs.apiKey,
      ELEVENLABS_AGENT_ID: 'agent_faults',
      ELEVENLABS_PHONE_NUMBER_ID: 'phnum_faults',
      // Above a loaded machine's answer time from the fake (the faults here are not timeouts).
      ELEVENLABS_TIMEOUT_MS: '3000',
      SUPABASE_URL: supabase.url,
      SUPABASE_KEY: supabase.apiKey,
      NOTION_API_URL: notion.url,
      NOTION_API_KEY: notion.apiKey,
      SYNC_SOURCE_TIMEOUT_MS: '800',
      SYNC_MAX_ATTEMPTS: '4',
      BOOKING_WORKFLOW_URL: workflow.endpoint,
      BOOKING_TIMEOUT_MS: '800',
      BOOKING_MAX_ATTEMPTS: '4',
    });
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([hoc, elevenlabs, supabase, notion, workflow].map((fake) => fake.stop()));
  });

  it('HOC resetting the connection → 502, hanging → 504 within HOC_TIMEOUT_MS', async () => {
    hoc.fail('/questionnaire/', { reset: true });
    const reset = await request(t.url)
      .post('/webhook/setup-campaign')
      .set(bearer)
      .send({ campaign_id: '123' });
    expect(reset.status).toBe(502);
    expectErrorShape(reset.body, { code: 'upstream_error' });
    // Hanging: the answer comes at HOC_TIMEOUT_MS, not when HOC replies after 3 s (how soon
    // is the benchmark's business, not a timed test's).
    hoc.heal().fail('/questionnaire/', { delayMs: 3000, status: 200, body: {} });
    const slow = await request(t.url)
      .post('/webhook/setup-campaign')
      .set(bearer)
      .send({ campaign_id: '123' });
    expect(slow.status).toBe(504);
    expect(slow.body.details).toMatchObject({ upstream: 'HOC', timeout_ms: 800 });
    hoc.heal();
  });

  it('ElevenLabs resetting the connection or answering 500 → 502, with the upstream named', async () => {
    // The SDK loads on the first call (about two seconds): time the faults, not the load.
    await request(t.url)
      .post('/webhook/trigger-call')
      .set(bearer)
      .send({
        campaign_id: 'x',
        company_name: 'Acme',
        candidate_first_name: 'Eva',
        candidate_last_name: 'Muster',
        to_number: '+491701234567',
      })
      .expect(200);
    for (const reply of [
      { reset: true },
      { status: 500, body: { detail: 'internal' } },
      { status: 401, body: { detail: { status: 'invalid_api_key' } } },
    ]) {
      elevenlabs.heal().fail('/v1/convai/twilio/outbound-call', reply);
      const dialled = elevenlabs.received('POST', '/v1/convai/twilio/outbound-call').length;
      const res = await request(t.url).post('/webhook/trigger-call').set(bearer).send({
        campaign_id: 'x',
        company_name: 'Acme',
        candidate_first_name: 'Eva',
        candidate_last_name: 'Muster',
        to_number: '+491701234567',
      });
      expect(res.status).toBe(502);
      expectErrorShape(res.body, { code: 'upstream_error' });
      expect(res.body.details.upstream).toBe('ElevenLabs');
      // One attempt: a call is never dialled twice behind HOC's back.
      expect(elevenlabs.received('POST', '/v1/convai/twilio/outbound-call').length).toBe(
        dialled + 1,
      );
    }
    elevenlabs.heal();
  });

  it('Supabase resetting the connection is retried until it answers', async () => {
    supabase.put('faulty', { id: 1, updated_at: '2026-11-20T10:00:00Z' });
    supabase.fail('/rest/v1/faulty', { reset: true }, 2);
    const res = await request(t.url)
      .post('/api/v1/webhooks/supabase')
      .set('x-webhook-secret', SYNC_SECRET)
      .send({
        type: 'INSERT',
        table: 'faulty',
        record: { id: 1, updated_at: '2026-11-20T10:00:00Z' },
      })
      .expect(202);
    const event = await eventually(async () => {
      const list = await request(t.url)
        .get('/api/v1/webhooks/events')
        .query({ source: 'supabase' })
        .set(bearer);
      const found = (list.body.data.items as Json[]).find(
        (e) => e.id === res.body.details.event_id,
      );
      return found?.status === 'processed' ? found : undefined;
    }, 20_000);
    expect(event.attempts).toBe(3);
  });

  it('Notion answering 500, then hanging, is retried; a hang is cut at SYNC_SOURCE_TIMEOUT_MS', async () => {
    notion.put(fixture('notion/page.json'));
    notion.fail(
      '/v1/pages/',
      {
        status: 500,
        body: { object: 'error', status: 500, code: 'internal_server_error', message: 'boom' },
      },
      1,
    );
    notion.fail('/v1/pages/', { delayMs: 3000, status: 200, body: {} }, 1);
    const text = JSON.stringify(fixture('notion/page_created.json'));
    const res = await request(t.url)
      .post('/api/v1/webhooks/notion')
      .set('content-type', 'application/json')
      .set('x-notion-signature', notionSignature(text, NOTION_TOKEN))
      .send(text)
      .expect(202);
    const event = await eventually(async () => {
      const list = await request(t.url)
        .get('/api/v1/webhooks/events')
        .query({ source: 'notion' })
        .set(bearer);
      const found = (list.body.data.items as Json[]).find(
        (e) => e.id === res.body.details.event_id,
      );
      return found?.status === 'processed' ? found : undefined;
    }, 25_000);
    expect(event).toMatchObject({ attempts: 3, outcome: { verified: true, action: 'upserted' } });
  });

  it('the booking workflow resetting the connection is retried, then the reply is stored', async () => {
    workflow.fail('/workflow', { reset: true }, 1);
    await request(t.url)
      .post('/booking/webhook')
      .send({ message: 'Termin morgen?', phone: '+491700000001', thread_id: 'reset_thread' })
      .expect(200);
    const thread = await eventually(async () => {
      const th = (await request(t.url).get('/booking/threads/reset_thread').set(bearer)).body;
      return th.messages?.length === 2 ? th : undefined;
    }, 20_000);
    expect(thread.messages.map((m: Json) => m.status)).toEqual(['answered', 'stored']);
  });

  it('leaves nothing stuck in processing', async () => {
    await eventually(async () => {
      const list = await request(t.url)
        .get('/api/v1/webhooks/events')
        .query({ status: 'processing' })
        .set(bearer);
      return list.body.data.items.length === 0;
    }, 10_000);
    const failed = await request(t.url)
      .get('/api/v1/webhooks/events')
      .query({ status: 'failed' })
      .set(bearer);
    expect(failed.body.data.items).toEqual([]);
  });
});
