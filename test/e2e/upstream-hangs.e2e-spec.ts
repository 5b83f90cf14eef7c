// Every upstream hanging (accepting the request, never answering within its timeout): inline
// calls answer 504 at the configured timeout, including through the ElevenLabs SDK; jobs
// give up on the hung request at the timeout and retry, so nothing stays in "processing".
// (upstream-faults.e2e-spec.ts covers resets and 5xx; this file covers silence.)
import request from 'supertest';
import { FakeElevenLabs } from '../../tools/fakes/elevenlabs.fake';
import { FakeGhl } from '../../tools/fakes/ghl.fake';
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

type Json = Record<string, any>;
/** Longer than every timeout below: a hang, as far as the app can tell. */
const HANG = { delayMs: 5000, status: 200, body: {} };
const TIMEOUT_MS = 800;

describe('upstream hangs (e2e)', () => {
  const hoc = new FakeHoc();
  const elevenlabs = new FakeElevenLabs();
  const supabase = new FakeSupabase();
  const notion = new FakeNotion();
  const workflow = new FakeWorkflow();
  const ghl = new FakeGhl();
  const fakes = [hoc, elevenlabs, supabase, notion, workflow, ghl];
  let t: TestApp;

  beforeAll(async () => {
    await Promise.all(fakes.map((fake) => fake.start()));
    t = await startTestApp({
      HOC_API_URL: hoc.url,
      HOC_API_KEY: hoc.apiKey,
      HOC_TIMEOUT_MS: String(TIMEOUT_MS),
      ELEVENLABS_API_URL: elevenlabs.url,
      ELEVENLABS_API_KEY: elevenlabs.apiKey,
      ELEVENLABS_AGENT_ID: 'agent_hangs',
      ELEVENLABS_PHONE_NUMBER_ID: 'phnum_hangs',
      // Above a loaded machine's answer time from the fake; HANG is longer still.
      ELEVENLABS_TIMEOUT_MS: '3000',
      SUPABASE_URL: supabase.url,
      SUPABASE_KEY: supabase.apiKey,
      NOTION_API_URL: notion.url,
      NOTION_API_KEY: notion.apiKey,
      SYNC_SOURCE_TIMEOUT_MS: String(TIMEOUT_MS),
      SYNC_RETRY_DELAY_SECONDS: '1',
      BOOKING_WORKFLOW_URL: workflow.endpoint,
      GHL_API_URL: ghl.url,
      GHL_API_TOKEN: ghl.token,
      BOOKING_TIMEOUT_MS: String(TIMEOUT_MS),
      BOOKING_RETRY_DELAY_SECONDS: '1',
    });
  });
  afterAll(async () => {
    await t.close();
    await Promise.all(fakes.map((fake) => fake.stop()));
  });

  const eventById = (source: string, id: string) =>
    eventually(async () => {
      const list = await request(t.url)
        .get('/api/v1/webhooks/events')
        .query({ source })
        .set(bearer);
      const found = (list.body.data.items as Json[]).find((e) => e.id === id);
      return found?.status === 'processed' ? found : undefined;
    }, 20_000);

  // A 504 is the answer before the hung upstream's (a 200 after HANG.delayMs); how soon it comes
  // is measured by the benchmark, not asserted here (docs/style.md, 14).
  it('HOC hanging → setup-campaign 504 at HOC_TIMEOUT_MS', async () => {
    hoc.fail('/questionnaire/', HANG);
    const res = await request(t.url)
      .post('/webhook/setup-campaign')
      .set(bearer)
      .send({ campaign_id: 'hang1' });
    hoc.heal();
    expect(res.status).toBe(504);
    expectErrorShape(res.body, { code: 'upstream_timeout' });
    expect(res.body.details).toMatchObject({ upstream: 'HOC', timeout_ms: TIMEOUT_MS });
  });

  it('ElevenLabs hanging → trigger-call 504 at ELEVENLABS_TIMEOUT_MS, through the SDK', async () => {
    const call = {
      campaign_id: 'x',
      company_name: 'Acme',
      candidate_first_name: 'Eva',
      candidate_last_name: 'Muster',
      to_number: '+491701234567',
    };
    // The SDK loads on the first call: the hang hits a loaded SDK.
    await request(t.url).post('/webhook/trigger-call').set(bearer).send(call).expect(200);
    elevenlabs.fail('/v1/convai/twilio/outbound-call', HANG);
    const res = await request(t.url).post('/webhook/trigger-call').set(bearer).send(call);
    elevenlabs.heal();
    expect(res.status).toBe(504);
    expectErrorShape(res.body, { code: 'upstream_timeout' });
    expect(res.body.details).toMatchObject({ upstream: 'ElevenLabs', timeout_ms: 3000 });
  });

  it('Supabase hanging once: the job gives up at the timeout and the retry processes the event', async () => {
    supabase.put('hang', { id: 1, updated_at: '2026-11-20T10:00:00Z' });
    supabase.fail('/rest/v1/hang', HANG, 1);
    const res = await request(t.url)
      .post('/api/v1/webhooks/supabase')
      .set('x-webhook-secret', SYNC_SECRET)
      .send({
        type: 'INSERT',
        table: 'hang',
        record: { id: 1, updated_at: '2026-11-20T10:00:00Z' },
      })
      .expect(202);
    expect(await eventById('supabase', res.body.details.event_id)).toMatchObject({ attempts: 2 });
  });

  it('Notion hanging once (through its SDK): retried, then processed', async () => {
    notion.put(fixture('notion/page.json'));
    notion.fail('/v1/pages/', HANG, 1);
    const text = JSON.stringify({ ...fixture<Json>('notion/page_created.json'), id: 'hang-evt-1' });
    const res = await request(t.url)
      .post('/api/v1/webhooks/notion')
      .set('content-type', 'application/json')
      .set('x-notion-signature', notionSignature(text, NOTION_TOKEN))
      .send(text)
      .expect(202);
    expect(await eventById('notion', res.body.details.event_id)).toMatchObject({ attempts: 2 });
  });

  it('workflow and GoHighLevel hanging once each: retried, the reply is delivered', async () => {
    workflow.fail('/workflow', HANG, 1);
    ghl.fail('/conversations/messages', HANG, 1);
    await request(t.url)
      .post('/booking/webhook')
      .send(fixture<Json>('ghl/inbound_message.json'))
      .expect(200);
    const sent = await eventually(async () => ghl.sent().length >= 2 && ghl.sent(), 20_000);
    // The first attempt hung and was abandoned; the second delivered the reply.
    expect(sent.at(-1)).toMatchObject({ type: 'WhatsApp', contactId: 'cI08i1Bls3iTB9bKgFJh' });
    expect(workflow.received('POST', '/workflow').length).toBeGreaterThanOrEqual(2);
  });

  it('leaves nothing stuck in processing', async () => {
    await eventually(async () => {
      const list = await request(t.url)
        .get('/api/v1/webhooks/events')
        .query({ status: 'processing' })
        .set(bearer);
      return list.body.data.items.length === 0;
    }, 10_000);
  });
});
