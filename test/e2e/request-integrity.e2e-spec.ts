// Bodies are taken as they were signed or not at all: a signed body that is not valid UTF-8 is
// 400 `invalid_encoding` on every webhook that parses its raw bytes (the JSON parsers would
// otherwise replace the bytes with U+FFFD and store something nobody signed), and the generic
// /webhook refuses an Idempotency-Key reused with a different body (409), as trigger-call does.
import request from 'supertest';
import {
  elevenLabsSignature,
  fixture,
  hmacHex,
  notionSignature,
  sha256Signature,
} from '../../tools/signing';
import {
  bearer,
  BOOKING_SECRET,
  ELEVENLABS_SECRET,
  expectErrorShape,
  NOTION_TOKEN,
  startTestApp,
  SYNC_SECRET,
  type TestApp,
} from '../support/test-app';
import { rawRequest } from '../support/raw-http';

type Json = Record<string, any>;

/** A JSON body whose one string holds the bytes FF FE: no UTF-8 decoder accepts them. */
function invalidUtf8(body: Json, field: (b: Json) => void): Buffer {
  const marked = structuredClone(body);
  field(marked);
  const [before, after] = JSON.stringify(marked).split('@@INVALID@@');
  return Buffer.concat([Buffer.from(before), Buffer.from([0xff, 0xfe]), Buffer.from(after)]);
}

describe('request integrity (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ BOOKING_WEBHOOK_SECRET: BOOKING_SECRET });
  });
  afterAll(() => t.close());

  // supertest would serialise a Buffer as JSON; the bytes go out as they are.
  const post = (path: string, body: Buffer, headers: Record<string, string>) =>
    rawRequest(
      t.url,
      'POST',
      path,
      [['Content-Type', 'application/json'], ...Object.entries(headers)],
      body,
    );

  it.each([
    [
      'Supabase',
      '/api/v1/webhooks/supabase',
      (): Json => ({ type: 'INSERT', table: 'candidates', schema: 'public', record: { id: 1 } }),
      (b: Json) => (b.record.name = '@@INVALID@@'),
      (raw: Buffer) => ({
        'X-Webhook-Secret': SYNC_SECRET,
        'X-Signature': hmacHex(raw, SYNC_SECRET),
      }),
    ],
    [
      'Notion',
      '/api/v1/webhooks/notion',
      (): Json => ({ id: 'evt-1', type: 'page.created', entity: { id: 'p1', type: 'page' } }),
      (b: Json) => (b.entity.title = '@@INVALID@@'),
      (raw: Buffer) => ({ 'X-Notion-Signature': notionSignature(raw, NOTION_TOKEN) }),
    ],
    [
      'booking',
      '/booking/webhook',
      (): Json => fixture<Json>('seed/booking_message.json'),
      (b: Json) => (b.message = '@@INVALID@@'),
      (raw: Buffer) => ({ 'X-Webhook-Signature': sha256Signature(raw, BOOKING_SECRET) }),
    ],
    [
      'post-call',
      '/webhook/post-call',
      (): Json => fixture<Json>('elevenlabs/post_call_transcription.json'),
      (b: Json) => (b.data.analysis = { transcript_summary: '@@INVALID@@' }),
      (raw: Buffer) => ({ 'ElevenLabs-Signature': elevenLabsSignature(raw, ELEVENLABS_SECRET) }),
    ],
  ])(
    '%s: a signed body that is not UTF-8 is 400 invalid_encoding',
    async (_, path, body, mark, sign) => {
      const logged = async () =>
        (await request(t.url).get('/api/v1/webhooks/events').set(bearer).expect(200)).body.data
          .items;
      const before = await logged();
      const raw = invalidUtf8(body(), mark);
      const res = await post(path, raw, sign(raw));
      expect(res.status).toBe(400);
      expectErrorShape(JSON.parse(res.body.toString()), { code: 'invalid_encoding' });
      // Nothing was recorded (the generic /webhook test records an event of its own).
      expect(await logged()).toEqual(before);
    },
  );

  it('generic /webhook: a reused Idempotency-Key with another body is 409, the same body a duplicate', async () => {
    const send = (body: Json) =>
      request(t.url)
        .post('/webhook')
        .set({ ...bearer, 'Idempotency-Key': 'generic-key-1' })
        .send(body);
    const first = await send({ event_type: 'signup', user_id: 'u1' }).expect(200);
    expect(first.body.data.duplicate).toBe(false);
    // Key order does not make a body different.
    const again = await send({ user_id: 'u1', event_type: 'signup' }).expect(200);
    expect(again.body.data).toMatchObject({ duplicate: true, event_id: first.body.data.event_id });
    const other = await send({ event_type: 'signup', user_id: 'u2' }).expect(409);
    expectErrorShape(other.body, { code: 'idempotency_key_reused' });
    const stored = await request(t.url)
      .get(`/api/v1/webhooks/events/${first.body.data.event_id}`)
      .set(bearer)
      .expect(200);
    expect(stored.body.data.payload).toMatchObject({ user_id: 'u1' });
  });
});
