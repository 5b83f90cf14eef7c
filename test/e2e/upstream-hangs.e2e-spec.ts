// Every upstream hanging (accepting the request, never answering within its timeout): inline
// calls answer 504 at the configured timeout, including through the ElevenLabs SDK; jobs
// give up on the hung request at the timeout and retry, so nothing stays in "processing".
// (upstream-faults.e2e-spec.ts covers resets and 5xx; this file covers silence.)
import request from 'supertest';
import { FakeGhl } from '../../tools/fakes/ghl.fake';
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

/** Longer than every timeout below: a hang, as far as the app can tell. */
const HANG = { delayMs: 5000, status: 200, body: {} };
const TIMEOUT_MS = 800;

describe('upstream hangs (e2e)', () => {
  const ghl = new FakeGhl();
  const { app, hoc, elevenlabs, supabase, notion, workflow } = useUpstreamsApp(
    TIMEOUT_MS,
    'hangs',
    () => ({
      SYNC_RETRY_DELAY_SECONDS: '1',
      GHL_API_URL: ghl.url,
      GHL_API_TOKEN: ghl.token,
      BOOKING_RETRY_DELAY_SECONDS: '1',
    }),
    [ghl],
  );

  const eventById = (source: string, id: string) => processedEvent(app(), source, id, 20_000);

  // A 504 is the answer before the hung upstream's (a 200 after HANG.delayMs); how soon it comes
  // is measured by the benchmark, not asserted here (docs/style.md, 14).
  it('HOC hanging → setup-campaign 504 at HOC_TIMEOUT_MS', async () => {
    hoc.fail('/questionnaire/', HANG);
    const res = await request(app().url)
      .post('/webhook/setup-campaign')
      .set(bearer)
      .send({ campaign_id: 'hang1' });
    hoc.heal();
    expect(res.status).toBe(504);
    expectErrorShape(res.body, { code: 'upstream_timeout' });
    expect(res.body.details).toMatchObject({ upstream: 'HOC', timeout_ms: TIMEOUT_MS });
  });

  it('ElevenLabs hanging → trigger-call 504 at ELEVENLABS_TIMEOUT_MS, through the SDK', async () => {
    // The SDK loads on the first call: the hang hits a loaded SDK.
    await postTriggerCall(app()).expect(200);
    elevenlabs.fail('/v1/convai/twilio/outbound-call', HANG);
    const res = await postTriggerCall(app());
    elevenlabs.heal();
    expect(res.status).toBe(504);
    expectErrorShape(res.body, { code: 'upstream_timeout' });
    expect(res.body.details).toMatchObject({ upstream: 'ElevenLabs', timeout_ms: 3000 });
  });

  it('Supabase hanging once: the job gives up at the timeout and the retry processes the event', async () => {
    supabase.put('hang', { id: 1, updated_at: '2026-11-20T10:00:00Z' });
    supabase.fail('/rest/v1/hang', HANG, 1);
    const res = await postSupabase(app(), {
      type: 'INSERT',
      table: 'hang',
      record: { id: 1, updated_at: '2026-11-20T10:00:00Z' },
    }).expect(202);
    expect(await eventById('supabase', res.body.details.event_id)).toMatchObject({ attempts: 2 });
  });

  it('Notion hanging once (through its SDK): retried, then processed', async () => {
    notion.put(fixture('notion/page.json'));
    notion.fail('/v1/pages/', HANG, 1);
    const res = await postSignedNotion(app(), {
      ...fixture<Json>('notion/page_created.json'),
      id: 'hang-evt-1',
    }).expect(202);
    expect(await eventById('notion', res.body.details.event_id)).toMatchObject({ attempts: 2 });
  });

  it('workflow and GoHighLevel hanging once each: retried, the reply is delivered', async () => {
    workflow.fail('/workflow', HANG, 1);
    ghl.fail('/conversations/messages', HANG, 1);
    await request(app().url)
      .post('/booking/webhook')
      .send(fixture<Json>('ghl/inbound_message.json'))
      .expect(200);
    const sent = await eventually(async () => ghl.sent().length >= 2 && ghl.sent(), 20_000);
    // The first attempt hung and was abandoned; the second delivered the reply.
    expect(sent.at(-1)).toMatchObject({ type: 'WhatsApp', contactId: 'cI08i1Bls3iTB9bKgFJh' });
    expect(workflow.received('POST', '/workflow').length).toBeGreaterThanOrEqual(2);
  });

  it('leaves nothing stuck in processing', async () => {
    await nothingProcessing(app());
  });
});
