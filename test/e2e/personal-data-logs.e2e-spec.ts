// No personal data in the log: one person (phone number, name, words of their transcript) sent
// through every route that can carry them — trigger-call, the post-call transcription, a Supabase
// sync change, a booking message, the reads, the console/API filters (`subject=`), the erasures —
// against src/main.ts in its own process at LOG_LEVEL=info; all of its output is then searched.
import { writeFileSync } from 'node:fs';
import { FakeElevenLabs } from '../../tools/fakes/elevenlabs.fake';
import { FakeHoc } from '../../tools/fakes/hoc.fake';
import { elevenLabsSignature, fixture } from '../../tools/signing';
import { spawnMain, type MainProcess } from '../support/main-process';
import { scratchDir } from '../support/scratch';
import { eventually } from '../support/eventually';

type Json = Record<string, any>;

const STRONG = '0123456789abcdef0123';
const API_TOKEN = `api-${STRONG}`;
const ELEVENLABS_SECRET = `el-${STRONG}`;
const SYNC_SECRET = `sync-${STRONG}`;
const PHONE = '+4917098765432';
const PHONE_DIGITS = PHONE.slice(1);
const FIRST_NAME = 'Wilhelmine';
const LAST_NAME = 'Quenstedtova';
const TRANSCRIPT_WORD = 'Pumpernickelwerkstatt';
const THREAD_ID = `${PHONE_DIGITS}@s.whatsapp.net`;
const bearer = { authorization: `Bearer ${API_TOKEN}` };

describe('no personal data in the log (e2e, own process, LOG_LEVEL=info)', () => {
  let main: MainProcess;
  let url: string;
  const hoc = new FakeHoc();
  const elevenlabs = new FakeElevenLabs();
  beforeAll(async () => {
    await Promise.all([hoc.start(), elevenlabs.start()]);
    main = spawnMain({
      HOC_API_URL: hoc.url,
      HOC_API_KEY: hoc.apiKey,
      ELEVENLABS_API_URL: elevenlabs.url,
      ELEVENLABS_API_KEY: elevenlabs.apiKey,
      ELEVENLABS_AGENT_ID: 'agent_test_susi',
      ELEVENLABS_PHONE_NUMBER_ID: 'phnum_default',
      PUBLIC_BASE_URL: 'http://hoc.example.test',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      EMBEDDED_DATABASE: 'true',
      DATA_DIR: scratchDir('hoc-pii-logs-'),
      API_TOKENS: API_TOKEN,
      ELEVENLABS_WEBHOOK_SECRETS: ELEVENLABS_SECRET,
      SYNC_WEBHOOK_SECRET: SYNC_SECRET,
      LINK_SECRET: `link-${STRONG}`,
      SYNC_RETRY_DELAY_SECONDS: '1',
    });
    url = await main.listening(120_000);
  }, 150_000);
  afterAll(async () => {
    if (process.env.PII_LOG_DUMP) writeFileSync(process.env.PII_LOG_DUMP, main.output());
    main.child.kill('SIGTERM');
    await main.exited;
    await Promise.all([hoc.stop(), elevenlabs.stop()]);
  });

  /** With the API token unless `headers` bring the sender's own credentials. */
  const send = (method: string, path: string, body?: unknown, headers?: Json) =>
    fetch(`${url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(headers ?? bearer) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('sends a person through every route; no line names them', async () => {
    const person = {
      campaign_id: 123,
      company_name: 'Tech Startup GmbH',
      candidate_first_name: FIRST_NAME,
      candidate_last_name: LAST_NAME,
    };
    // Link mode (a conversation id tied to the person) and phone mode.
    const link = await send('POST', '/webhook/trigger-call', person);
    expect(link.status).toBe(200);
    const conversationId = ((await link.json()) as Json).data.conversation_id as string;
    const phoned = await send('POST', '/webhook/trigger-call', { ...person, to_number: PHONE });
    expect(phoned.status).toBe(200);
    await send('POST', '/webhook/trigger-call', { ...person, to_number: `${PHONE}x` }); // a 400

    const transcription = structuredClone(fixture<Json>('elevenlabs/post_call_transcription.json'));
    transcription.data.conversation_id = conversationId;
    transcription.event_timestamp = Math.floor(Date.now() / 1000);
    transcription.data.transcript[0].message = `Guten Tag ${FIRST_NAME} ${LAST_NAME}, ${TRANSCRIPT_WORD}?`;
    const dynamic = transcription.data.conversation_initiation_client_data.dynamic_variables;
    Object.assign(dynamic, { candidate_first_name: FIRST_NAME, candidate_last_name: LAST_NAME });
    dynamic.system__called_number = PHONE;
    const text = JSON.stringify(transcription);
    const postCall = await send('POST', '/webhook/post-call', text, {
      'elevenlabs-signature': elevenLabsSignature(text, ELEVENLABS_SECRET),
    });
    expect(postCall.status).toBe(200);

    const supabase = await send(
      'POST',
      '/api/v1/webhooks/supabase',
      {
        type: 'INSERT',
        table: 'candidates',
        schema: 'public',
        record: { id: PHONE_DIGITS, name: `${FIRST_NAME} ${LAST_NAME}`, phone: PHONE },
        old_record: null,
      },
      { 'x-webhook-secret': SYNC_SECRET },
    );
    expect(supabase.status).toBe(202);

    const booking = await send('POST', '/booking/webhook', {
      message: `Ich bin ${FIRST_NAME} ${LAST_NAME}, ${TRANSCRIPT_WORD}`,
      phone: PHONE,
      thread_id: THREAD_ID,
    });
    expect(booking.status).toBe(200);

    // The transcription applied and the sync change settled (a failed attempt's error line must
    // not name them either).
    const count = async (query: string) =>
      ((await (await send('GET', `/api/v1/webhooks/events?${query}`)).json()) as Json).data.items
        .length as number;
    await eventually(async () => (await count('source=elevenlabs&status=processed')) > 0, 30_000);
    await eventually(
      async () =>
        (await count('source=supabase&status=processed')) +
          (await count('source=supabase&status=failed')) +
          (await count('source=supabase&status=dead')) >
        0,
      30_000,
    );

    // The reads, filters and lists an operator (or the console) sends, each naming the person.
    await eventually(
      async () => (await send('GET', `/calls/${conversationId}`)).status === 200,
      30_000,
    );
    await eventually(
      async () => (await send('GET', `/booking/threads/${encodeURIComponent(THREAD_ID)}`)).ok,
      30_000,
    );
    for (const path of [
      `/api/v1/webhooks/events?subject=${encodeURIComponent(PHONE)}&status=processed`,
      `/api/v1/webhooks/events?subject=${conversationId}`,
      `/api/v1/records/supabase/candidates/${PHONE_DIGITS}`,
      `/api/v1/records?record_id=${PHONE_DIGITS}&q=${LAST_NAME}`,
      `/calls?campaign_id=123&name=${FIRST_NAME}`,
      `/booking/threads?phone=${encodeURIComponent(PHONE)}`,
      `/console/calls/${conversationId}?code=${LAST_NAME}&state=${PHONE_DIGITS}`,
      `/no-such-route/${PHONE_DIGITS}/${LAST_NAME}`,
    ])
      await send('GET', path);
    expect((await send('DELETE', `/booking/threads/${encodeURIComponent(THREAD_ID)}`)).status).toBe(
      200,
    );
    expect((await send('DELETE', `/calls/${conversationId}`)).status).toBe(200);
    // A request whose access line we wait for, so every line before it has been written.
    const last = await send('GET', '/webhook/health');
    const lastId = last.headers.get('x-request-id') as string;
    await eventually(() => Promise.resolve(main.output().includes(lastId)), 10_000);

    const output = main.output();
    expect(output).toContain('DELETE /booking/threads/:thread_id 200');
    expect(output).toContain('DELETE /calls/:conversation_id 200');
    for (const secret of [
      PHONE_DIGITS,
      PHONE_DIGITS.slice(2), // without the country code
      FIRST_NAME,
      LAST_NAME,
      TRANSCRIPT_WORD,
      conversationId,
    ])
      expect({ secret, found: output.includes(secret) }).toEqual({ secret, found: false });
  }, 180_000);
});
