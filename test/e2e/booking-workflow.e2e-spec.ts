// WhatsApp booking messages handed to the booking workflow: the reply sent through GoHighLevel
// (or stored when the sender has no contact), a thread's messages delivered in order, a failing
// workflow retried, dead-lettered and replayed. Against fake workflow and GoHighLevel servers.
import request from 'supertest';
import { FakeGhl } from '../../tools/fakes/ghl.fake';
import { FakeWorkflow } from '../../tools/fakes/workflow.fake';
import type { Json } from '../../tools/json';
import { bookingThread, inboundMessage, sendBooking } from '../support/booking';
import { bookingMessage } from '../support/factories';
import { bearer, eventually, startTestApp, type TestApp } from '../support/test-app';

const seed = bookingMessage();
const native = inboundMessage();
const send = sendBooking;
const thread = bookingThread;

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
  afterEach(() => {
    workflow.heal();
    workflow.thinkMs = () => 0;
  });

  it('hands the message to the workflow and sends the reply through GoHighLevel', async () => {
    const res = await send(t, native).expect(200);
    expect(res.body.mode).toBe('workflow');
    const sent = await eventually(async () =>
      ghl.sent().find((m) => m.contactId === 'cI08i1Bls3iTB9bKgFJh'),
    );
    expect(sent).toEqual({
      type: 'WhatsApp',
      contactId: 'cI08i1Bls3iTB9bKgFJh',
      message: 'Gern! Antwort auf: Hallo, ich möchte einen Termin buchen',
    });
    expect(
      workflow
        .received('POST', '/workflow')
        .find((r) => (r.json as Json).thread_id === 'fcanlLgpbQgQhderivVs')?.json,
    ).toEqual({
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
