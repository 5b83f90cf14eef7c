// ElevenLabs post-call webhooks, signed as ElevenLabs signs: stored byte-exact in the database
// before the 200, results on the call record and the PAYLOAD_DIR mirror written by the job after
// it, forged/stale/traversal requests refused with nothing written.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { DatabaseService } from '../../src/database/database.service';
import { artefacts, campaignPackages, events } from '../../src/database/schema';
import {
  bearer,
  ELEVENLABS_SECRET,
  eventually,
  expectErrorShape,
  startTestApp,
  type TestApp,
} from '../support/test-app';
import { elevenLabsSignature, fixture } from '../../tools/signing';
import type { Json } from '../../tools/json';

const MP3_HEADER = Buffer.from('SUQzBAAAAAAAAP/7kGQ', 'base64');

function post(t: TestApp, body: Json | string, signature?: string) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const req = request(t.url).post('/webhook/post-call').set('Content-Type', 'application/json');
  if (signature !== undefined) req.set('ElevenLabs-Signature', signature);
  return req.send(text);
}

const signed = (t: TestApp, body: Json) =>
  post(t, body, elevenLabsSignature(JSON.stringify(body), ELEVENLABS_SECRET));

function withConversation(template: Json, conversationId: string): Json {
  const copy = structuredClone(template);
  copy.data.conversation_id = conversationId;
  return copy;
}

async function eventCount(t: TestApp): Promise<number> {
  return (await t.get(DatabaseService).db.select().from(events)).length;
}

async function artefactCount(t: TestApp): Promise<number> {
  return (await t.get(DatabaseService).db.select({ id: artefacts.eventId }).from(artefacts)).length;
}

/** The artefact as `GET /calls/{id}/artefacts/{kind}` streams it from the database. */
async function download(url: string, id: string, kind: string): Promise<Buffer> {
  const res = await request(url)
    .get(`/calls/${id}/artefacts/${kind}`)
    .set(bearer)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  return res.body as Buffer;
}

/** The mirror file once the post-call job wrote it. */
const mirrored = (t: TestApp, path: string) =>
  eventually(
    async () =>
      existsSync(join(t.payloadDir as string, path)) &&
      readFileSync(join(t.payloadDir as string, path)),
  );

/** The call once the post-call job mapped `status` onto it. */
const callWith = (t: TestApp, id: string, predicate: (call: Json) => boolean) =>
  eventually(async () => {
    const res = await request(t.url).get(`/calls/${id}`).set(bearer);
    return res.status === 200 && predicate(res.body.data) ? (res.body.data as Json) : undefined;
  });

describe('post-call webhooks (e2e)', () => {
  let t: TestApp;
  const transcription = fixture<Json>('elevenlabs/post_call_transcription.json');
  const audio = fixture<Json>('elevenlabs/post_call_audio.json');

  beforeAll(async () => {
    t = await startTestApp({ PAYLOAD_DIR: mkdtempSync(join(tmpdir(), 'hoc-mirror-')) });
    // The campaign's package, so collected answers can be matched to its question ids.
    await t
      .get(DatabaseService)
      .db.insert(campaignPackages)
      .values({
        campaignId: '123',
        packageId: '5f7c1d9e-8c43-4c59-9a44-0e2a4c1b7a10',
        companyName: 'Tech Startup GmbH',
        sourceHash: 'x',
        questionCount: 2,
        content: {
          package_id: '5f7c1d9e-8c43-4c59-9a44-0e2a4c1b7a10',
          campaign_id: '123',
          company_name: 'Tech Startup GmbH',
          job_title: null,
          language: 'de',
          job_facts: [],
          question_count: 2,
          agent: {
            name: 'Lisa',
            agent_id: null,
            provisioning: 'not_configured',
            prompt_template: '',
            first_message_template: '',
            template_source: { prompt: 'built-in', first_message: 'built-in' },
          },
          source_hash: 'x',
          created_at: '2026-01-01T00:00:00.000Z',
          questions: [
            {
              id: 'q1',
              text: 'Wie viele Jahre Berufserfahrung haben Sie in der Pflege?',
              type: 'text',
              required: true,
              order: 1,
            },
            {
              id: 'q2',
              text: 'Ab wann könnten Sie starten?',
              type: 'date',
              required: true,
              order: 2,
            },
          ],
        },
      });
  });
  afterAll(async () => {
    await t.close();
    rmSync(t.payloadDir as string, { recursive: true, force: true });
  });

  it('stores a transcription byte-exact and puts the results on the call', async () => {
    const text = JSON.stringify(transcription);
    const res = await post(t, text, elevenLabsSignature(text, ELEVENLABS_SECRET)).expect(200);
    const path = 'conv_01jx9abcdef/conv_01jx9abcdef_transcription.json';
    expect(res.body).toEqual({
      status: 'success',
      message: 'Transcription stored',
      request_id: res.headers['x-request-id'],
      data: {
        file_path: path,
        webhook_type: 'post_call_transcription',
        file_size: Buffer.byteLength(text),
        duplicate: false,
      },
    });
    // In the database at the 200; the mirror and the call follow from the job.
    expect((await download(t.url, 'conv_01jx9abcdef', 'transcription')).toString('utf8')).toBe(
      text,
    );
    expect((await mirrored(t, path)).toString('utf8')).toBe(text);

    const call = await callWith(t, 'conv_01jx9abcdef', (c) => c.status === 'completed');
    expect(call).toMatchObject({
      conversation_id: 'conv_01jx9abcdef',
      campaign_id: '123',
      candidate: { first_name: 'Max', last_name: 'Mustermann' },
      status: 'completed',
      results: {
        outcome: 'done',
        call_successful: 'success',
        duration_secs: 58,
        cost: 412,
        termination_reason: 'end_call tool was called',
        summary:
          'The candidate has about five years of nursing experience and can start on 1 March.',
        evaluation: {
          motivation: { result: 'success', rationale: 'Candidate answered all questions.' },
        },
        answers: [
          {
            question_id: 'q1',
            question: 'Wie viele Jahre Berufserfahrung haben Sie in der Pflege?',
            matched: true,
            value: '5',
            rationale: 'Said about five years.',
          },
          {
            question_id: 'q2',
            question: 'Ab wann könnten Sie starten?',
            matched: true,
            value: '2027-03-01',
            rationale: 'First of March.',
          },
        ],
      },
      artefacts: {
        transcription: {
          file_path: path,
          size_bytes: Buffer.byteLength(text),
          url: expect.stringMatching(/\/calls\/conv_01jx9abcdef\/artefacts\/transcription$/),
        },
      },
    });
    expect(call.results.transcript).toHaveLength(6);
    expect(call.results.transcript[0]).toEqual({
      role: 'agent',
      message: expect.stringContaining('Guten Tag Max Mustermann'),
      time_in_call_secs: 0,
    });
    expect(call.timeline.map((e: Json) => e.status)).toEqual(['completed']);
  });

  it('answers a redelivery with duplicate:true and writes nothing again', async () => {
    const body = withConversation(transcription, 'conv_redelivered');
    await signed(t, body).expect(200);
    await mirrored(t, 'conv_redelivered/conv_redelivered_transcription.json');
    await callWith(t, 'conv_redelivered', (c) => c.status === 'completed');
    const file = join(
      t.payloadDir as string,
      'conv_redelivered/conv_redelivered_transcription.json',
    );
    const firstWrite = statSync(file).mtimeMs;
    const before = await eventCount(t);
    const again = await signed(t, body).expect(200);
    expect(again.body.data).toMatchObject({
      duplicate: true,
      file_path: 'conv_redelivered/conv_redelivered_transcription.json',
    });
    expect(statSync(file).mtimeMs).toBe(firstWrite);
    expect(await eventCount(t)).toBe(before);
    const call = (await request(t.url).get('/calls/conv_redelivered').set(bearer).expect(200)).body
      .data;
    expect(call.timeline).toHaveLength(1);
  });

  it('shows the mapping job in the event log with its attempts', async () => {
    const body = withConversation(transcription, 'conv_logged');
    await signed(t, body).expect(200);
    const event = await eventually(async () => {
      const rows = await t.get(DatabaseService).db.select().from(events);
      const found = rows.find(
        (r) =>
          (r.payload as Json).data?.conversation_id === 'conv_logged' && r.status === 'processed',
      );
      return found;
    });
    expect(event).toMatchObject({ source: 'elevenlabs', attempts: 1, lastError: null });
    expect(event.outcome).toMatchObject({
      file_path: 'conv_logged/conv_logged_transcription.json',
      mirrored: true,
    });
  });

  it('decodes base64 audio, checks it is MP3 and stores the exact bytes', async () => {
    const res = await signed(t, audio).expect(200);
    const expected = Buffer.from(audio.data.full_audio, 'base64');
    expect(res.body.data).toEqual({
      file_path: 'conv_01jx9abcdef/conv_01jx9abcdef_audio.mp3',
      webhook_type: 'post_call_audio',
      file_size: expected.length,
      duplicate: false,
    });
    expect(await download(t.url, 'conv_01jx9abcdef', 'audio')).toEqual(expected);
    const head = await request(t.url).get('/calls/conv_01jx9abcdef/artefacts/audio').set(bearer);
    expect(head.headers['content-type']).toBe('audio/mpeg');
    expect(await mirrored(t, res.body.data.file_path)).toEqual(expected);
  });

  it('answers 404 in the error shape for an artefact never stored', async () => {
    for (const path of [
      '/calls/conv_01jx9abcdef/artefacts/failure',
      '/calls/conv_nobody/artefacts/audio',
    ]) {
      const res = await request(t.url).get(path).set(bearer).expect(404);
      expectErrorShape(res.body, { code: 'artefact_not_found' });
    }
    const unknownKind = await request(t.url)
      .get('/calls/conv_01jx9abcdef/artefacts/video')
      .set(bearer)
      .expect(400);
    expectErrorShape(unknownKind.body, { code: 'invalid_path_parameter' });
  });

  it('rejects audio that is not MP3 and writes nothing', async () => {
    const body = withConversation(audio, 'conv_wav');
    body.data.full_audio = Buffer.from('RIFF\0\0\0\0WAVEfmt ').toString('base64');
    const before = await artefactCount(t);
    const res = await signed(t, body).expect(400);
    expectErrorShape(res.body, { code: 'invalid_audio' });
    expect(await artefactCount(t)).toBe(before);
  });

  it('accepts the older multipart form', async () => {
    const bytes = Buffer.concat([MP3_HEADER, Buffer.alloc(2048, 0x55)]);
    const boundary = 'hocBoundary42';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="conversation_id"\r\n\r\nconv_multipart\r\n`,
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="audio"; filename="call.mp3"\r\nContent-Type: audio/mpeg\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await request(t.url)
      .post('/webhook/post-call')
      .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
      .set('ElevenLabs-Signature', elevenLabsSignature(body, ELEVENLABS_SECRET))
      .send(body)
      .expect(200);
    expect(res.body.data).toMatchObject({
      webhook_type: 'post_call_audio',
      file_path: 'conv_multipart/conv_multipart_audio.mp3',
      file_size: bytes.length,
    });
    expect(await download(t.url, 'conv_multipart', 'audio')).toEqual(bytes);
  });

  it.each(['twilio', 'sip'])(
    'records a %s call initiation failure and fails the call',
    async (variant) => {
      const failure = fixture<Json>(`elevenlabs/call_initiation_failure_${variant}.json`);
      const res = await signed(t, failure).expect(200);
      const id = failure.data.conversation_id as string;
      expect(res.body.data).toMatchObject({
        webhook_type: 'call_initiation_failure',
        file_path: `${id}/${id}_failure.json`,
      });
      expect(JSON.parse((await mirrored(t, res.body.data.file_path)).toString('utf8'))).toEqual(
        failure,
      );
      const call = await callWith(t, id, (c) => c.status === 'failed');
      expect(call.results.failure).toEqual({
        reason: failure.data.failure_reason,
        provider: variant,
        detail: failure.data.metadata.body,
      });
    },
  );

  it('acknowledges an unknown type and keeps it in the event log', async () => {
    const res = await signed(t, {
      type: 'conversation_summary_v9',
      event_timestamp: 1,
      data: { anything: true },
    }).expect(200);
    expect(res.body.data).toMatchObject({
      webhook_type: 'conversation_summary_v9',
      ignored: true,
      file_path: null,
    });
    const rows = await t.get(DatabaseService).db.select().from(events);
    expect(rows.find((r) => r.type === 'conversation_summary_v9')).toMatchObject({
      source: 'elevenlabs',
      status: 'processed',
    });
  });

  describe('refused requests write nothing', () => {
    const body = withConversation(transcription, 'conv_forged');
    const text = JSON.stringify(body);
    const now = Math.floor(Date.now() / 1000);
    const cases: [string, string | undefined, string][] = [
      ['missing header', undefined, 'missing_signature'],
      ['malformed header', 'v0=abc', 'malformed_signature'],
      ['wrong secret', elevenLabsSignature(text, 'wsec_guess'), 'invalid_signature'],
      [
        'tampered body',
        elevenLabsSignature(text.replace('Max', 'Moritz'), ELEVENLABS_SECRET),
        'invalid_signature',
      ],
      [
        'stale (31 min)',
        elevenLabsSignature(text, ELEVENLABS_SECRET, now - 31 * 60),
        'stale_signature',
      ],
      [
        'future (6 min)',
        elevenLabsSignature(text, ELEVENLABS_SECRET, now + 6 * 60),
        'future_signature',
      ],
    ];

    it.each(cases)('%s → 401', async (_name, signature, code) => {
      const before = [await eventCount(t), await artefactCount(t)];
      const res = await post(t, text, signature).expect(401);
      expectErrorShape(res.body, { code });
      expect([await eventCount(t), await artefactCount(t)]).toEqual(before);
    });

    /** Every file of DATA_DIR and the mirror but the database's own (eventCount covers those:
     * PostgreSQL creates and removes files of its own at any time) and the storage monitor's
     * write probe (it comes and goes every few seconds). */
    const files = () =>
      [
        ...readdirSync(t.dataDir, { recursive: true, encoding: 'utf8' })
          .filter((path) => path !== 'pglite' && !path.startsWith('pglite/'))
          .map((path) => join(t.dataDir, path)),
        ...readdirSync(t.payloadDir as string, { recursive: true, encoding: 'utf8' }),
      ]
        .filter((path) => basename(path) !== '.write-probe')
        .sort();

    it.each(['../x', 'a/b', '%2e%2e', '..', 'x'.repeat(200), 'conv id', ''])(
      'conversation_id %p → 400',
      async (id) => {
        const before = await eventCount(t);
        const listing = files();
        const res = await signed(t, withConversation(transcription, id)).expect(400);
        expectErrorShape(res.body);
        expect(await eventCount(t)).toBe(before);
        expect(files()).toEqual(listing);
      },
    );

    it('a known type without data.conversation_id → 400 listing it', async () => {
      const res = await signed(t, { type: 'post_call_transcription', data: {} }).expect(400);
      expectErrorShape(res.body, { code: 'missing_required_fields' });
      expect(res.body.missing).toEqual(['data.conversation_id']);
    });
  });

  describe('large audio', () => {
    it('accepts a 30 MB audio webhook', async () => {
      const big = Buffer.alloc(22 * 1024 * 1024, 0x42);
      MP3_HEADER.copy(big);
      const body = {
        type: 'post_call_audio',
        event_timestamp: 2,
        data: { conversation_id: 'conv_big', full_audio: big.toString('base64') },
      };
      const text = JSON.stringify(body);
      expect(text.length).toBeGreaterThan(29 * 1024 * 1024);
      const res = await post(t, text, elevenLabsSignature(text, ELEVENLABS_SECRET)).expect(200);
      expect(res.body.data.file_size).toBe(big.length);
      expect((await download(t.url, 'conv_big', 'audio')).equals(big)).toBe(true);
    });

    it('refuses a body over AUDIO_BODY_LIMIT with 413', async () => {
      const text = JSON.stringify({
        type: 'post_call_audio',
        data: { conversation_id: 'conv_huge', full_audio: 'A'.repeat(51 * 1024 * 1024) },
      });
      const res = await post(t, text, elevenLabsSignature(text, ELEVENLABS_SECRET)).expect(413);
      expectErrorShape(res.body, { code: 'payload_too_large' });
      expect(
        await t
          .get(DatabaseService)
          .db.select({ id: artefacts.eventId })
          .from(artefacts)
          .where(eq(artefacts.conversationId, 'conv_huge')),
      ).toEqual([]);
    });
  });
});
