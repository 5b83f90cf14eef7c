// Callers of the five replaced services, replayed with those services' own documented requests,
// settings and variable names: each gets the documented answer, or the difference the README's
// "Moving from the five services" table names.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { FakeGhl } from '../../tools/fakes/ghl.fake';
import { FakeHoc } from '../../tools/fakes/hoc.fake';
import { FakeNotion } from '../../tools/fakes/notion.fake';
import { FakeSupabase } from '../../tools/fakes/supabase.fake';
import { FakeWorkflow } from '../../tools/fakes/workflow.fake';
import { elevenLabsSignature, fixture, hmacHex, notionSignature } from '../../tools/signing';
import {
  bearer,
  eventually,
  expectErrorShape,
  NOTION_TOKEN,
  startTestApp,
  type TestApp,
} from '../support/test-app';

type Json = Record<string, any>;

const seed = (name: string): Json =>
  JSON.parse(readFileSync(join(__dirname, '../../src/docs/examples/seed', name), 'utf8')) as Json;

// The old services' settings, under their old names where the name has one meaning; the old
// bearer tokens and WEBHOOK_SECRET are never read (legacy-env.e2e-spec.ts), so their values go
// under the new names here.
const OLD = {
  API_TOKENS: 'old-voice-key,old-sync-key',
  SYNC_WEBHOOK_SECRET: 'old-sync-hmac',
  GHL_WEBHOOK_SECRET: 'old-ghl-secret',
  ELEVENLABS_POST_CALL_HMAC_KEY: 'old-elevenlabs-hmac',
  ENVIRONMENT: 'development',
  LOG_LEVEL: 'SILENT',
};
/** The new names unset, so only the old ones configure the app. */
const NEW_UNSET = {
  ELEVENLABS_WEBHOOK_SECRETS: undefined,
  NODE_ENV: undefined,
};
const oldBearer = { Authorization: 'Bearer old-voice-key' };

function signedPostCall(t: TestApp, body: Json) {
  const text = JSON.stringify(body);
  return request(t.url)
    .post('/webhook/post-call')
    .set('Content-Type', 'application/json')
    .set('elevenlabs-signature', elevenLabsSignature(text, OLD.ELEVENLABS_POST_CALL_HMAC_KEY))
    .send(text);
}

function signedEnvelope(t: TestApp, route: 'supabase' | 'notion', body: Json) {
  const text = JSON.stringify(body);
  return request(t.url)
    .post(`/api/v1/webhooks/${route}`)
    .set('Content-Type', 'application/json')
    .set('X-Webhook-Signature', hmacHex(text, OLD.SYNC_WEBHOOK_SECRET))
    .send(text);
}

async function eventOf(t: TestApp, id: string, status = 'processed'): Promise<Json> {
  return eventually(async () => {
    const res = await request(t.url)
      .get('/api/v1/webhooks/events')
      .query({ limit: 200 })
      .set(oldBearer);
    const found = (res.body.data.items as Json[]).find((e) => e.id === id);
    return found?.status === status ? found : undefined;
  }, 20_000);
}

describe('old services, old variable names (e2e)', () => {
  const hoc = new FakeHoc();
  const notionApi = new FakeNotion();
  const source = new FakeSupabase();
  let t: TestApp;
  let payloadDir: string;

  beforeAll(async () => {
    await Promise.all([hoc.start(), notionApi.start(), source.start()]);
    payloadDir = mkdtempSync(join(tmpdir(), 'hoc-legacy-payloads-'));
    t = await startTestApp({
      ...NEW_UNSET,
      ...OLD,
      HIRINGS_API_URL: hoc.url,
      HIRINGS_API_TOKEN: hoc.apiKey,
      ELEVENLABS_POST_CALL_PAYLOAD_PATH: payloadDir,
      HOC_UPLOAD_ENABLED: 'true',
      NOTION_API_KEY: notionApi.apiKey,
      NOTION_API_URL: notionApi.url,
      SUPABASE_URL: source.url,
      SUPABASE_KEY: source.apiKey,
      SYNC_MAX_ATTEMPTS: '2',
    });
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([hoc.stop(), notionApi.stop(), source.stop()]);
    rmSync(payloadDir, { recursive: true, force: true });
  });

  describe('campaign set-up and call trigger (HIRINGS_API_URL)', () => {
    it('set-up reads the questionnaire from HIRINGS_API_URL; the cached answer reports the finished upload', async () => {
      const first = await request(t.url)
        .post('/webhook/setup-campaign')
        .set(oldBearer)
        .send(seed('setup_campaign.json'))
        .expect(200);
      expect(first.body).toMatchObject({ status: 'success', cached: false, upload: 'queued' });
      expect(hoc.questionnaireFetches('123')).toBe(1);
      await eventually(async () => hoc.received('POST', '/campaigns/123/package').length === 1);
      const cached = await eventually(async () => {
        const res = await request(t.url)
          .post('/webhook/setup-campaign')
          .set(oldBearer)
          .send(seed('setup_campaign.json'))
          .expect(200);
        return res.body.upload === 'uploaded' ? res.body : undefined;
      });
      expect(cached).toMatchObject({ cached: true, upload: 'uploaded' });
    });

    it('trigger-call: the old missing-fields answer, and the old auth messages', async () => {
      const res = await request(t.url)
        .post('/webhook/trigger-call')
        .set(oldBearer)
        .send({ company_name: 'Tech Startup GmbH' })
        .expect(400);
      expect(res.body).toMatchObject({
        status: 'error',
        error: 'Missing required fields',
        missing: ['campaign_id', 'candidate_first_name', 'candidate_last_name'],
      });
      const noAuth = await request(t.url)
        .post('/webhook/trigger-call')
        .send(seed('trigger_call.json'))
        .expect(401);
      expect(noAuth.body).toMatchObject({
        error: 'Missing Authorization header',
        message: 'Please provide Authorization: Bearer {API_KEY}',
      });
    });

    it('GET /webhook/health keeps the old fields', async () => {
      const res = await request(t.url).get('/webhook/health').expect(200);
      expect(res.body).toEqual(
        expect.objectContaining({
          status: 'healthy',
          service: expect.any(String),
          hirings_api_url: hoc.url,
          timestamp: expect.any(String),
        }),
      );
      expect(res.body).toHaveProperty('agent_id');
    });
  });

  describe('post-call (ELEVENLABS_POST_CALL_HMAC_KEY, ELEVENLABS_POST_CALL_PAYLOAD_PATH)', () => {
    it('the flat transcription sample is a transcription of the call, stored under the old path', async () => {
      const body = {
        conversation_id: 'conv_abc123',
        transcript: 'Hello, how can I help you today?',
        status: 'completed',
        duration: 120,
        timestamp: '2025-11-12T08:00:00Z',
      };
      const res = await signedPostCall(t, body).expect(200); // the old service answered 201
      expect(res.body).toMatchObject({
        status: 'success',
        request_id: expect.any(String),
        data: {
          file_path: 'conv_abc123/conv_abc123_transcription.json',
          webhook_type: 'post_call_transcription',
        },
      });
      const call = await eventually(async () => {
        const c = (await request(t.url).get('/calls/conv_abc123').set(oldBearer)).body.data;
        return c.status === 'completed' ? c : undefined;
      });
      expect(call.results).toMatchObject({
        outcome: 'completed',
        duration_secs: 120,
        transcript: [{ message: 'Hello, how can I help you today?' }],
      });
      const file = join(payloadDir, 'conv_abc123/conv_abc123_transcription.json');
      await eventually(async () => existsSync(file));
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(body);
      expect((await signedPostCall(t, body).expect(200)).body.data.duplicate).toBe(true);
    });

    it('the flat failure sample marks the call failed with its message', async () => {
      const res = await signedPostCall(t, {
        conversation_id: 'conv_fail1',
        error_code: 'INIT_FAILED',
        error_message: 'Failed to initialize call',
        timestamp: '2025-11-12T08:00:00Z',
      }).expect(200);
      expect(res.body.data).toMatchObject({
        webhook_type: 'call_initiation_failure',
        file_path: 'conv_fail1/conv_fail1_failure.json',
      });
      const call = await eventually(async () => {
        const c = (await request(t.url).get('/calls/conv_fail1').set(oldBearer)).body.data;
        return c.status === 'failed' ? c : undefined;
      });
      expect(call.results.failure).toMatchObject({ reason: 'Failed to initialize call' });
    });

    it('a flat body with a bad signature is still refused, and one without conversation id is a 400', async () => {
      const text = JSON.stringify({ conversation_id: 'conv_x', transcript: 'hi' });
      await request(t.url)
        .post('/webhook/post-call')
        .set('Content-Type', 'application/json')
        .set('elevenlabs-signature', elevenLabsSignature(text, 'wrong'))
        .send(text)
        .expect(401);
      const bad = await signedPostCall(t, { conversation_id: '../etc', transcript: 'hi' });
      expect(bad.status).toBe(400);
      expectErrorShape(bad.body);
    });

    it('POST /webhook and /echo answer as documented, with the bearer token now required', async () => {
      const generic = seed('generic_event.json');
      await request(t.url).post('/webhook').send(generic).expect(401);
      const res = await request(t.url).post('/webhook').set(oldBearer).send(generic).expect(200);
      expect(res.body).toMatchObject({
        status: 'success',
        message: "Payload of type 'user_signup' processed successfully",
        request_id: expect.any(String),
        data: { processed: true, event_type: 'user_signup' },
      });
      const before = Date.now();
      const echo = await request(t.url)
        .post('/echo')
        .set(oldBearer)
        .send({ event_type: 'test_event', data: { key: 'value' } })
        .expect(200);
      expect(echo.body).toMatchObject({
        status: 'success',
        message: 'Echo received',
        data: { event_type: 'test_event', data: { key: 'value' } },
      });
      expect(Date.parse(echo.body.data.timestamp)).toBeGreaterThanOrEqual(before - 1000);
      const given = await request(t.url)
        .post('/echo')
        .set(oldBearer)
        .send({ event_type: 'test_event', timestamp: '2025-11-12T08:00:00Z' })
        .expect(200);
      expect(given.body.data.timestamp).toBe('2025-11-12T08:00:00Z');
    });
  });

  it('health: /health is the shared liveness body, /metrics is Prometheus text (booking moved to /booking/metrics)', async () => {
    const health = await request(t.url).get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', info: { app: { status: 'up' } } });
    const metrics = await request(t.url).get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    const booking = await request(t.url).get('/booking/metrics').expect(200);
    expect(Object.keys(booking.body).sort()).toEqual([
      'active_threads',
      'errors',
      'rate_limited',
      'requests',
      'timestamp',
      'uptime_seconds',
    ]);
  });

  describe('sync', () => {
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
      const stats = (await request(t.url).get('/api/v1/webhooks/stats').set(oldBearer)).body;
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
      expect((await request(t.url).get('/api/v1/webhooks/stats').set(oldBearer)).body).toEqual(
        stats,
      );
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

  it('booking: GHL_WEBHOOK_SECRET protects the webhook (unsigned refused, signed accepted)', async () => {
    const body = seed('booking_message.json');
    expectErrorShape((await request(t.url).post('/booking/webhook').send(body).expect(401)).body);
    const text = JSON.stringify(body);
    const res = await request(t.url)
      .post('/booking/webhook')
      .set('Content-Type', 'application/json')
      .set('X-Webhook-Signature', hmacHex(text, OLD.GHL_WEBHOOK_SECRET))
      .send(text)
      .expect(200);
    expect(res.body).toMatchObject({ status: 'received', thread_id: 'thread_abc123' });
  });
});

describe('old booking callers (e2e)', () => {
  const workflow = new FakeWorkflow();
  const ghl = new FakeGhl();
  let t: TestApp;
  const send = (body: Json) => request(t.url).post('/booking/webhook').send(body);
  const thread = async (id: string, replies = 1): Promise<Json> =>
    eventually(async () => {
      const th = (
        await request(t.url)
          .get(`/booking/threads/${encodeURIComponent(id)}`)
          .set(bearer)
      ).body;
      const out = (th.messages ?? []).filter(
        (m: Json) => m.direction === 'outbound' && m.status !== 'pending',
      );
      return out.length >= replies ? th : undefined;
    });

  beforeAll(async () => {
    await Promise.all([workflow.start(), ghl.start()]);
    t = await startTestApp({
      BOOKING_WORKFLOW_URL: workflow.endpoint,
      GHL_API_URL: ghl.url,
      GHL_API_TOKEN: ghl.token,
      GHL_LOCATION_ID: ghl.locationId,
      BOOKING_MAX_ATTEMPTS: '1',
    });
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([workflow.stop(), ghl.stop()]);
  });

  it('takes WhatsApp JIDs and ids with + as thread ids, and national or spaced phone numbers', async () => {
    ghl.contacts.set('+491709990001', 'contact_anna');
    const jid = '491709990001@s.whatsapp.net';
    const res = await send({ message: 'Hallo', phone: '0170 999 0001', thread_id: jid }).expect(
      200,
    );
    expect(res.body).toMatchObject({ status: 'received', thread_id: jid, mode: 'workflow' });
    for (const phone of ['+49 (170) 999-0001', '0049 170 9990001', '0170-999-0001'])
      await send({ message: `von ${phone}`, phone, thread_id: 'id+with+plus' }).expect(200);
    const plus = await thread('id+with+plus', 3);
    expect(plus.phone).toBe('+491709990001');
    const jidThread = await thread(jid);
    expect(jidThread.phone).toBe('+491709990001');
  });

  it('sends the reply to a seed-format message through GoHighLevel, finding the contact by phone', async () => {
    const jidThread = await thread('491709990001@s.whatsapp.net');
    const reply = jidThread.messages.find((m: Json) => m.direction === 'outbound');
    expect(reply).toMatchObject({ status: 'sent', note: null });
    expect(jidThread.contact_id).toBe('contact_anna');
    const lookup = ghl.received('GET', '/contacts/search/duplicate')[0];
    expect(lookup.query.get('number')).toBe('+491709990001');
    expect(lookup.query.get('locationId')).toBe(ghl.locationId);
    expect(ghl.sent()).toContainEqual({
      type: 'WhatsApp',
      contactId: 'contact_anna',
      message: 'Gern! Antwort auf: Hallo',
    });
  });

  it('keeps the reply and says why when GoHighLevel has no contact with the phone', async () => {
    await send({
      message: 'Wer bin ich?',
      phone: '+4915199999999',
      thread_id: 'unknown_sender',
    }).expect(200);
    const th = await thread('unknown_sender');
    const reply = th.messages.find((m: Json) => m.direction === 'outbound');
    expect(reply.status).toBe('stored');
    expect(reply.note).toMatch(/no contact with phone \+4915199999999/);
  });

  it('/booking/metrics counts failed workflow hand-offs as errors, from the database', async () => {
    const before = (await request(t.url).get('/booking/metrics').expect(200)).body;
    workflow.fail('/workflow', { status: 500, body: { error: 'down' } }, 1);
    await send({ message: 'kaputt', phone: '+491700000009', thread_id: 'dead_thread' }).expect(200);
    const after = await eventually(async () => {
      const m = (await request(t.url).get('/booking/metrics').expect(200)).body;
      return m.errors > before.errors ? m : undefined;
    });
    expect(after.errors).toBe(before.errors + 1);
    expect(after.requests).toBe(before.requests + 1);
  });
});

describe('booking metrics across restarts (e2e)', () => {
  it('keep counting from where they were, with the old answer shape', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hoc-legacy-metrics-'));
    try {
      const first = await startTestApp({ DATA_DIR: dataDir, BOOKING_THROTTLE_LIMIT: '2' });
      try {
        const body = seed('booking_message.json');
        // The limit counts per sender phone: this sender's third message is refused.
        await send(first, body, 200);
        await send(first, body, 200);
        await send(first, body, 429);
        await send(first, { ...body, phone: 'call me' }, 400);
      } finally {
        await first.close();
      }
      const second = await startTestApp({ DATA_DIR: dataDir });
      try {
        const metrics = (await request(second.url).get('/booking/metrics').expect(200)).body;
        expect(metrics).toEqual({
          requests: 4,
          errors: 1,
          rate_limited: 1,
          active_threads: 1,
          uptime_seconds: expect.any(Number),
          timestamp: expect.any(String),
        });
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  async function send(app: TestApp, body: Json, status: number) {
    await request(app.url).post('/booking/webhook').send(body).expect(status);
  }
});
