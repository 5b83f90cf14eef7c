// What the booking suites send and read back: messages from a client address of their own (so
// the per-client limit stays out of a test's way) and a thread as the API shows it.
import request from 'supertest';
import { fixture } from '../../tools/signing';
import type { Json } from '../../tools/json';
import { bearer, type TestApp } from './test-app';

/** GoHighLevel's own InboundMessage body. */
export const inboundMessage = (): Json => fixture<Json>('ghl/inbound_message.json');

let ip = 0;
/** A client address of its own, so the per-client limit stays out of a test's way. */
const freshClient = () => `203.0.113.${(ip++ % 250) + 1}`;

export const sendBooking = (
  t: TestApp,
  body: Json | string,
  headers: Record<string, string> = {},
) =>
  request(t.url)
    .post('/booking/webhook')
    .set('Content-Type', 'application/json')
    .set('X-Forwarded-For', freshClient())
    .set(headers)
    .send(typeof body === 'string' ? body : JSON.stringify(body));

export const bookingThread = async (t: TestApp, id: string) =>
  (await request(t.url).get(`/booking/threads/${id}`).set(bearer).expect(200)).body;
