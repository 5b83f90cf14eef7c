// WhatsApp booking messages: both body shapes, field validation, the ghl signature schemes, the
// per-sender limit, API-only and workflow modes with ordered delivery, replies via GoHighLevel,
// dead letters and the metrics. How BOOKING_THROTTLE_LIMIT counts senders (E.164, no per-client
// cap) is asserted at the HTTP edge in src/booking/booking.controller.spec.ts.
import { generateKeyPairSync } from 'node:crypto';
import request from 'supertest';
import { FakeGhl } from '../../tools/fakes/ghl.fake';
import { FakeWorkflow } from '../../tools/fakes/workflow.fake';
import { ed25519Signature, fixture, hmacHex, rsaSignature } from '../../tools/signing';
import {
  bearer,
  BOOKING_SECRET,
  eventually,
  expectErrorShape,
  startTestApp,
  type TestApp,
} from '../support/test-app';
import type { Json } from '../../tools/json';

const seed = fixture<Json>('seed/booking_message.json');
const native = fixture<Json>('ghl/inbound_message.json');
let ip = 0;
/** A client address of its own, so the per-client limit stays out of a test's way. */
const freshClient = () => `203.0.113.${(ip++ % 250) + 1}`;

const send = (t: TestApp, body: Json | string, headers: Record<string, string> = {}) =>
  request(t.url)
    .post('/booking/webhook')
    .set('Content-Type', 'application/json')
    .set('X-Forwarded-For', freshClient())
    .set(headers)
    .send(typeof body === 'string' ? body : JSON.stringify(body));

const thread = async (t: TestApp, id: string) =>
  (await request(t.url).get(`/booking/threads/${id}`).set(bearer).expect(200)).body;

describe('booking in API-only mode (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('accepts the seed body and stores it in its thread', async () => {
    const res = await send(t, seed).expect(200);
    expect(res.body).toEqual({
      status: 'received',
      thread_id: 'thread_abc123',
      mode: 'api-only',
      request_id: res.headers['x-request-id'],
      timestamp: expect.any(String),
      duplicate: false,
    });
    const stored = await thread(t, 'thread_abc123');
    expect(stored).toMatchObject({
      thread_id: 'thread_abc123',
      phone: '+1234567890',
      contact_id: null,
      messages: [
        { direction: 'inbound', message: 'Hi, I want to book an appointment', status: 'stored' },
      ],
    });
  });

  it("maps GoHighLevel's InboundMessage and recognises its redelivery", async () => {
    const res = await send(t, native).expect(200);
    expect(res.body).toMatchObject({
      thread_id: 'fcanlLgpbQgQhderivVs',
      mode: 'api-only',
      duplicate: false,
    });
    expect((await send(t, native).expect(200)).body.duplicate).toBe(true);
    const stored = await thread(t, 'fcanlLgpbQgQhderivVs');
    expect(stored).toMatchObject({ phone: '+491701234567', contact_id: 'cI08i1Bls3iTB9bKgFJh' });
    expect(stored.messages).toHaveLength(1);
  });

  it.each([
    ['message empty', { ...seed, message: '' }, 'message'],
    ['message too long', { ...seed, message: 'x'.repeat(4097) }, 'message'],
    ['phone not a number', { ...seed, phone: 'call me' }, 'phone'],
    ['phone too short', { ...seed, phone: '+12' }, 'phone'],
    ['thread_id with a control character', { ...seed, thread_id: 'a\u0000b' }, 'thread_id'],
    ['thread_id over 256 characters', { ...seed, thread_id: 't'.repeat(257) }, 'thread_id'],
    ['message not a string', { ...seed, message: 42 }, 'message'],
  ])('400 for %s, naming the field', async (_name, body, field) => {
    const res = await send(t, body).expect(400);
    expectErrorShape(res.body);
    expect(Object.keys(res.body.details.fields)).toEqual([field]);
  });

  it('400 listing every missing field', async () => {
    expect((await send(t, {}).expect(400)).body.missing).toEqual(['message', 'phone', 'thread_id']);
    expect((await send(t, { type: 'InboundMessage' }).expect(400)).body.missing).toEqual([
      'body',
      'contactId',
      'conversationId',
    ]);
  });

  it('404 for an unknown thread and 401 for the thread route without a token', async () => {
    await request(t.url).get('/booking/threads/nope').set(bearer).expect(404);
    await request(t.url).get('/booking/threads/thread_abc123').expect(401);
  });
});

describe('booking signatures (e2e)', () => {
  const ed = generateKeyPairSync('ed25519');
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let edApp: TestApp;
  let rsaApp: TestApp;
  const body = JSON.stringify(native);
  const tampered = body.replace('Termin', 'Tremin');

  beforeAll(async () => {
    [edApp, rsaApp] = await Promise.all([
      startTestApp({
        GHL_WEBHOOK_PUBLIC_KEY: ed.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        BOOKING_WEBHOOK_SECRET: BOOKING_SECRET,
      }),
      startTestApp({
        GHL_WEBHOOK_PUBLIC_KEY: rsa.publicKey
          .export({ type: 'spki', format: 'der' })
          .toString('base64'),
      }),
    ]);
  });
  afterAll(() => Promise.all([edApp.close(), rsaApp.close()]));

  it('Ed25519 x-ghl-signature: good passes, tampered and missing fail', async () => {
    const ok = await send(edApp, body, {
      'x-ghl-signature': ed25519Signature(body, ed.privateKey),
    });
    expect([ok.status, ok.body.code]).toEqual([200, undefined]);
    expectErrorShape(
      (
        await send(edApp, tampered, {
          'x-ghl-signature': ed25519Signature(body, ed.privateKey),
        }).expect(401)
      ).body,
      { code: 'invalid_signature' },
    );
    expectErrorShape((await send(edApp, body).expect(401)).body, { code: 'missing_signature' });
  });

  it('RSA x-wh-signature: good passes, tampered fails', async () => {
    await send(rsaApp, body, { 'x-wh-signature': rsaSignature(body, rsa.privateKey) }).expect(200);
    expectErrorShape(
      (
        await send(rsaApp, tampered, {
          'x-wh-signature': rsaSignature(body, rsa.privateKey),
        }).expect(401)
      ).body,
      { code: 'invalid_signature' },
    );
  });

  it('HMAC with BOOKING_WEBHOOK_SECRET: good passes, tampered fails', async () => {
    const text = JSON.stringify(seed);
    await send(edApp, text, {
      'X-Webhook-Signature': `sha256=${hmacHex(text, BOOKING_SECRET)}`,
    }).expect(200);
    expectErrorShape(
      (
        await send(edApp, text.replace('book', 'cancel'), {
          'X-Webhook-Signature': hmacHex(text, BOOKING_SECRET),
        }).expect(401)
      ).body,
      { code: 'invalid_signature' },
    );
  });
});

describe('booking throttling and metrics (e2e)', () => {
  it('refuses the 31st message of one phone in a minute while another phone still passes', async () => {
    const t = await startTestApp();
    try {
      for (let i = 0; i < 30; i++) await send(t, { ...seed, message: `m${i}` }).expect(200);
      const refused = await send(t, { ...seed, message: 'm30' }).expect(429);
      expectErrorShape(refused.body, { code: 'rate_limited' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      await send(t, { ...seed, phone: '+4915112345678', message: 'other sender' }).expect(200);
      const metrics = (await request(t.url).get('/booking/metrics').expect(200)).body;
      expect(metrics).toMatchObject({
        requests: 32,
        errors: 0,
        rate_limited: 1,
        active_threads: 1,
      });
    } finally {
      await t.close();
    }
  });

  it('never lets forged messages naming a sender make that sender 429 (default limits)', async () => {
    const t = await startTestApp({
      BOOKING_WEBHOOK_SECRET: BOOKING_SECRET,
      THROTTLE_LIMIT: undefined,
      AUTH_FAILURE_LIMIT: undefined,
    });
    try {
      // GoHighLevel and the forger share an address, as GoHighLevel's few IPs are shared.
      const shared = { 'X-Forwarded-For': '198.51.100.200' };
      const statuses: number[] = [];
      for (let i = 0; i < 70; i++) {
        const text = JSON.stringify({ ...seed, message: `forged ${i}` });
        statuses.push(
          (await send(t, text, { ...shared, 'X-Webhook-Signature': hmacHex(text, 'guess') }))
            .status,
        );
      }
      // Failed authentication is limited per IP on its own counter (default 60 a minute).
      expect(statuses.slice(0, 60)).toEqual(Array(60).fill(401));
      expect(statuses.slice(60)).toEqual(Array(10).fill(429));
      const text = JSON.stringify({ ...seed, message: 'the real one' });
      const real = await send(t, text, {
        ...shared,
        'X-Webhook-Signature': `sha256=${hmacHex(text, BOOKING_SECRET)}`,
      }).expect(200);
      expect(real.body.status).toBe('received');
    } finally {
      await t.close();
    }
  });

  it('counts requests, errors, refusals and active threads exactly', async () => {
    const t = await startTestApp();
    try {
      await send(t, seed).expect(200);
      await send(t, { ...seed, thread_id: 'thread_second' }).expect(200);
      await send(t, { ...seed, phone: 'nope' }).expect(400);
      await send(t, 'not json').expect(400);
      expect((await request(t.url).get('/booking/metrics').expect(200)).body).toEqual({
        requests: 4,
        errors: 2,
        rate_limited: 0,
        active_threads: 2,
        uptime_seconds: expect.any(Number),
        timestamp: expect.any(String),
      });
    } finally {
      await t.close();
    }
  });
});

describe('booking with the workflow (e2e)', () => {
  const workflow = new FakeWorkflow();
  const ghl = new FakeGhl();
  let t: TestApp;

  beforeAll(async () => {
    await Promise.all([workflow.start(), ghl.start()]);
    t = await startTestApp({
      BOOKING_WORKFLOW_URL: workflow.endpoint,
      GHL_API_URL: ghl.url,
      GHL_API_TOKEN: ghl.token,
      BOOKING_MAX_ATTEMPTS: '2',
      BOOKING_RETRY_DELAY_SECONDS: '1',
      BOOKING_TIMEOUT_MS: '2000',
    });
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([workflow.stop(), ghl.stop()]);
  });

  it('hands the message to the workflow and sends the reply through GoHighLevel', async () => {
    const res = await send(t, native).expect(200);
    expect(res.body.mode).toBe('workflow');
    const sent = await eventually(async () => ghl.sent()[0]);
    expect(sent).toEqual({
      type: 'WhatsApp',
      contactId: 'cI08i1Bls3iTB9bKgFJh',
      message: 'Gern! Antwort auf: Hallo, ich möchte einen Termin buchen',
    });
    expect(workflow.received('POST', '/workflow')[0].json).toEqual({
      thread_id: 'fcanlLgpbQgQhderivVs',
      phone: '+491701234567',
      contact_id: 'cI08i1Bls3iTB9bKgFJh',
      message: 'Hallo, ich möchte einen Termin buchen',
      message_id: expect.any(Number),
      history: [],
    });
    const stored = await eventually(async () => {
      const th = await thread(t, 'fcanlLgpbQgQhderivVs');
      return th.messages[1]?.status === 'sent' ? th : undefined;
    });
    expect(stored.messages.map((m: Json) => [m.direction, m.status])).toEqual([
      ['inbound', 'answered'],
      ['outbound', 'sent'],
    ]);
  });

  it('stores the reply without sending when the sender has no GoHighLevel contact', async () => {
    await send(t, { ...seed, thread_id: 'seed_thread' }).expect(200);
    const stored = await eventually(async () => {
      const th = await thread(t, 'seed_thread');
      return th.messages.length === 2 ? th : undefined;
    });
    expect(stored.messages[1]).toMatchObject({
      direction: 'outbound',
      status: 'stored',
      message: 'Gern! Antwort auf: Hi, I want to book an appointment',
    });
  });

  it('delivers five messages of one thread, sent at once, to the workflow in order', async () => {
    workflow.thinkMs = () => Math.floor(Math.random() * 80);
    const texts = ['eins', 'zwei', 'drei', 'vier', 'fünf'];
    await Promise.all(
      texts.map((message) =>
        send(t, { ...seed, thread_id: 'ordered_thread', message }).expect(200),
      ),
    );
    const stored = await eventually(async () => {
      const th = await thread(t, 'ordered_thread');
      return th.messages.filter((m: Json) => m.status === 'answered').length === 5 ? th : undefined;
    }, 30_000);
    const inboundOrder = stored.messages
      .filter((m: Json) => m.direction === 'inbound')
      .map((m: Json) => m.message);
    expect(workflow.messages().filter((m) => texts.includes(m))).toEqual(inboundOrder);
    const last = workflow
      .received('POST', '/workflow')
      .find((r) => (r.json as Json).message === inboundOrder[4])!;
    expect(
      (last.json as Json).history
        .filter((h: Json) => h.direction === 'inbound')
        .map((h: Json) => h.message),
    ).toEqual(inboundOrder.slice(0, 4));
    workflow.thinkMs = () => 0;
  });

  it('retries a failing workflow, then dead-letters the message where the event log shows it', async () => {
    workflow.fail('/workflow', { status: 500, body: { error: 'agent crashed' } });
    const res = await send(t, { ...seed, thread_id: 'doomed_thread', message: 'Termin?' }).expect(
      200,
    );
    expect(res.body.mode).toBe('workflow');
    const dead = await eventually(async () => {
      const list = await request(t.url)
        .get('/api/v1/webhooks/events')
        .query({ source: 'booking', status: 'dead' })
        .set(bearer)
        .expect(200);
      return list.body.data.items[0];
    }, 30_000);
    expect(dead).toMatchObject({
      source: 'booking',
      attempts: 2,
      last_error: 'Booking workflow answered 500',
    });
    expect((await thread(t, 'doomed_thread')).messages[0].status).toBe('dead');
    workflow.heal();
    await request(t.url).post(`/api/v1/webhooks/events/${dead.id}/replay`).set(bearer).expect(202);
    const answered = await eventually(async () => {
      const th = await thread(t, 'doomed_thread');
      return th.messages[0].status === 'answered' ? th : undefined;
    });
    expect(answered.messages[1]).toMatchObject({
      direction: 'outbound',
      message: 'Gern! Antwort auf: Termin?',
    });
  });
});
