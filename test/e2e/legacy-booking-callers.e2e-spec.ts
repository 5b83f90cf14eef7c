// The old booking service's callers: GHL_WEBHOOK_SECRET, WhatsApp JIDs and national numbers,
// replies through GoHighLevel found by phone, and the old metrics (kept across restarts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { FakeGhl } from '../../tools/fakes/ghl.fake';
import { FakeWorkflow } from '../../tools/fakes/workflow.fake';
import { hmacHex } from '../../tools/signing';
import type { Json } from '../../tools/json';
import { OLD, postSignedJson, seed, useLegacyApp } from '../support/legacy-app';
import {
  bearer,
  eventually,
  expectErrorShape,
  startTestApp,
  type TestApp,
  useTestApp,
} from '../support/test-app';

describe('old booking callers, old variable names (e2e)', () => {
  const legacy = useLegacyApp();
  let t: TestApp;
  beforeAll(() => {
    t = legacy.t;
  });

  it('booking: GHL_WEBHOOK_SECRET protects the webhook (unsigned refused, signed accepted)', async () => {
    const body = seed('booking_message.json');
    expectErrorShape((await request(t.url).post('/booking/webhook').send(body).expect(401)).body);
    const res = await postSignedJson(t, '/booking/webhook', body, 'X-Webhook-Signature', (text) =>
      hmacHex(text, OLD.GHL_WEBHOOK_SECRET),
    ).expect(200);
    expect(res.body).toMatchObject({ status: 'received', thread_id: 'thread_abc123' });
  });
});

describe('old booking callers (e2e)', () => {
  const workflow = new FakeWorkflow();
  const ghl = new FakeGhl();
  const app = useTestApp([workflow, ghl], () =>
    startTestApp({
      BOOKING_WORKFLOW_URL: workflow.endpoint,
      GHL_API_URL: ghl.url,
      GHL_API_TOKEN: ghl.token,
      GHL_LOCATION_ID: ghl.locationId,
      BOOKING_MAX_ATTEMPTS: '1',
    }),
  );
  const send = (body: Json) => request(app().url).post('/booking/webhook').send(body);
  const thread = async (id: string, replies = 1): Promise<Json> =>
    eventually(async () => {
      const th = (
        await request(app().url)
          .get(`/booking/threads/${encodeURIComponent(id)}`)
          .set(bearer)
      ).body;
      const out = (th.messages ?? []).filter(
        (m: Json) => m.direction === 'outbound' && m.status !== 'pending',
      );
      return out.length >= replies ? th : undefined;
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
    ghl.contacts.set('+491709990002', 'contact_berta');
    const jid = '491709990002@s.whatsapp.net';
    await send({ message: 'Hallo', phone: '0170 999 0002', thread_id: jid }).expect(200);
    const jidThread = await thread(jid);
    const reply = jidThread.messages.find((m: Json) => m.direction === 'outbound');
    expect(reply).toMatchObject({ status: 'sent', note: null });
    expect(jidThread.contact_id).toBe('contact_berta');
    const lookup = ghl
      .received('GET', '/contacts/search/duplicate')
      .find((r) => r.query.get('number') === '+491709990002');
    expect(lookup?.query.get('locationId')).toBe(ghl.locationId);
    expect(ghl.sent()).toContainEqual({
      type: 'WhatsApp',
      contactId: 'contact_berta',
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
    const before = (await request(app().url).get('/booking/metrics').expect(200)).body;
    workflow.fail('/workflow', { status: 500, body: { error: 'down' } }, 1);
    await send({ message: 'kaputt', phone: '+491700000009', thread_id: 'dead_thread' }).expect(200);
    const after = await eventually(async () => {
      const m = (await request(app().url).get('/booking/metrics').expect(200)).body;
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
