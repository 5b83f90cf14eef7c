// Upstreams that reset the connection, answer 500 or hang: inline calls answer 502/504 within
// their timeout, background work retries as designed, and no event is left in "processing".
import request from 'supertest';
import { fixture } from '../../tools/signing';
import type { Json } from '../../tools/json';
import { bearer, eventually, expectErrorShape } from '../support/test-app';
import {
  nothingProcessing,
  postTriggerCall,
  processedEvent,
  useUpstreamsApp,
} from '../support/upstreams';
import { notion as postSignedNotion, supabase as postSupabase } from '../support/sync';

describe('upstream faults (e2e)', () => {
  const { app, hoc, elevenlabs, supabase, notion, workflow } = useUpstreamsApp(
    800,
    'faults',
    () => ({ SYNC_MAX_ATTEMPTS: '4', BOOKING_MAX_ATTEMPTS: '4' }),
  );

  it('HOC resetting the connection → 502, hanging → 504 within HOC_TIMEOUT_MS', async () => {
    hoc.fail('/questionnaire/', { reset: true });
    const reset = await request(app().url)
      .post('/webhook/setup-campaign')
      .set(bearer)
      .send({ campaign_id: '123' });
    expect(reset.status).toBe(502);
    expectErrorShape(reset.body, { code: 'upstream_error' });
    // Hanging: the answer comes at HOC_TIMEOUT_MS, not when HOC replies after 3 s (how soon
    // is the benchmark's business, not a timed test's).
    hoc.heal().fail('/questionnaire/', { delayMs: 3000, status: 200, body: {} });
    const slow = await request(app().url)
      .post('/webhook/setup-campaign')
      .set(bearer)
      .send({ campaign_id: '123' });
    expect(slow.status).toBe(504);
    expect(slow.body.details).toMatchObject({ upstream: 'HOC', timeout_ms: 800 });
    hoc.heal();
  });

  it('ElevenLabs resetting the connection or answering 500 → 502, with the upstream named', async () => {
    // The SDK loads on the first call (about two seconds): time the faults, not the load.
    await postTriggerCall(app()).expect(200);
    for (const reply of [
      { reset: true },
      { status: 500, body: { detail: 'internal' } },
      { status: 401, body: { detail: { status: 'invalid_api_key' } } },
    ]) {
      elevenlabs.heal().fail('/v1/convai/twilio/outbound-call', reply);
      const dialled = elevenlabs.received('POST', '/v1/convai/twilio/outbound-call').length;
      const res = await postTriggerCall(app());
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
    const res = await postSupabase(app(), {
      type: 'INSERT',
      table: 'faulty',
      record: { id: 1, updated_at: '2026-11-20T10:00:00Z' },
    }).expect(202);
    const event = await processedEvent(app(), 'supabase', res.body.details.event_id, 20_000);
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
    const res = await postSignedNotion(app(), fixture('notion/page_created.json')).expect(202);
    const event = await processedEvent(app(), 'notion', res.body.details.event_id, 25_000);
    expect(event).toMatchObject({ attempts: 3, outcome: { verified: true, action: 'upserted' } });
  });

  it('the booking workflow resetting the connection is retried, then the reply is stored', async () => {
    workflow.fail('/workflow', { reset: true }, 1);
    await request(app().url)
      .post('/booking/webhook')
      .send({ message: 'Termin morgen?', phone: '+491700000001', thread_id: 'reset_thread' })
      .expect(200);
    const thread = await eventually(async () => {
      const th = (await request(app().url).get('/booking/threads/reset_thread').set(bearer)).body;
      return th.messages?.length === 2 ? th : undefined;
    }, 20_000);
    expect(thread.messages.map((m: Json) => m.status)).toEqual(['answered', 'stored']);
  });

  it('leaves nothing stuck in processing', async () => {
    await nothingProcessing(app());
    const failed = await request(app().url)
      .get('/api/v1/webhooks/events')
      .query({ status: 'failed' })
      .set(bearer);
    expect(failed.body.data.items).toEqual([]);
  });
});
