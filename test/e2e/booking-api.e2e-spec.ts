// WhatsApp booking messages in API-only mode: both body shapes, field validation, the GoHighLevel
// signature schemes, the per-sender limit and the metrics. How BOOKING_THROTTLE_LIMIT counts
// senders (E.164, no per-client cap) is asserted at the HTTP edge in
// src/booking/booking.controller.spec.ts; the workflow mode: booking-workflow.e2e-spec.ts.
import { generateKeyPairSync } from 'node:crypto';
import request from 'supertest';
import { ed25519Signature, hmacHex, rsaSignature } from '../../tools/signing';
import { bookingThread, inboundMessage, sendBooking } from '../support/booking';
import { bookingMessage } from '../support/factories';
import {
  bearer,
  BOOKING_SECRET,
  expectErrorShape,
  startTestApp,
  type TestApp,
} from '../support/test-app';

const seed = bookingMessage();
const native = inboundMessage();
const send = sendBooking;
const thread = bookingThread;

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
