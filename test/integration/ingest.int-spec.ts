// The ingest with real processes on PostgreSQL + Redis and the default throttle settings: bursts
// acknowledged in full and processed once across two replicas, artefacts served by any replica
// and surviving a restart on fresh local disks, change order without timestamps, a configured
// key column, and forged booking messages that cannot cost a real sender its quota.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { FakeSupabase } from '../../tools/fakes/supabase.fake';
import { elevenLabsSignature, fixture, hmacHex } from '../../tools/signing';
import { startApp, type AppProcess } from '../support/app-process';
import { burst, tally } from '../support/load';
import {
  createTempDatabase,
  processEnv,
  queryRows,
  REDIS_TEST_URL,
  type TempDatabase,
} from '../support/postgres';
import {
  bearer,
  BOOKING_SECRET,
  ELEVENLABS_SECRET,
  eventually,
  SYNC_SECRET,
} from '../support/test-app';

type Json = Record<string, any>;

const MP3_HEADER = Buffer.from('SUQzBAAAAAAAAP/7kGQ', 'base64');

describe('ingest on PostgreSQL + Redis, two replicas, default limits (integration)', () => {
  let db: TempDatabase;
  const source = new FakeSupabase();
  let a: AppProcess;
  let b: AppProcess;
  /** Each start on a local disk of its own, as a replaced pod or instance gets. */
  const env = (): Record<string, string> =>
    processEnv(db.url, {
      DATA_DIR: mkdtempSync(join(tmpdir(), 'hoc-it-disk-')),
      REDIS_URL: REDIS_TEST_URL,
      SUPABASE_URL: source.url,
      SUPABASE_KEY: source.apiKey,
      SUPABASE_PRIMARY_KEYS: 'interviews=interview_id',
      BOOKING_WEBHOOK_SECRET: BOOKING_SECRET,
    });
  const startBoth = async () => {
    [a, b] = await Promise.all([startApp(0, env()), startApp(0, env())]);
  };

  const query = <T extends Json>(text: string, values: unknown[] = []) =>
    queryRows<T>(db.url, text, values);
  const count = async (text: string, values: unknown[] = []) =>
    Number((await query<{ n: string }>(text, values))[0].n);

  beforeAll(async () => {
    await source.start();
    db = await createTempDatabase();
    await startBoth();
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await source.stop();
    await db?.drop();
  });

  it('acknowledges a 10,000-event Supabase burst at 100 connections over both replicas and processes each once', async () => {
    let turn = 0;
    const result = await burst('', 10_000, 100, (i) => ({
      url: `${(turn++ % 2 ? a : b).url}/api/v1/webhooks/supabase`,
      body: JSON.stringify({
        type: 'INSERT',
        table: 'burst',
        schema: 'public',
        record: { id: `b${i}`, status: 'new' },
        old_record: null,
      }),
      headers: { 'content-type': 'application/json', 'x-webhook-secret': SYNC_SECRET },
    }));
    expect(tally(result.statuses)).toEqual({ 202: 10_000 });
    expect(
      await count("SELECT count(*) AS n FROM events WHERE payload->'change'->>'table' = 'burst'"),
    ).toBe(10_000);
    await eventually(
      async () =>
        (await count(
          "SELECT count(*) AS n FROM events WHERE payload->'change'->>'table' = 'burst' AND status <> 'processed'",
        )) === 0,
      180_000,
      500,
    );
    // Once: one attempt per event, one source lookup per record, one local copy per record.
    expect(
      await count(
        "SELECT count(*) AS n FROM events WHERE payload->'change'->>'table' = 'burst' AND attempts <> 1",
      ),
    ).toBe(0);
    const lookups = Array.from({ length: 10_000 }, (_, i) => source.lookups('burst', `b${i}`));
    expect(lookups.filter((n) => n !== 1)).toEqual([]);
    expect(await count("SELECT count(*) AS n FROM sync_records WHERE table_name = 'burst'")).toBe(
      10_000,
    );
    process.stdout.write(
      `ingest int: 10,000 Supabase events acknowledged in ${result.seconds} s over 2 replicas\n`,
    );
  }, 300_000);

  it('acknowledges 2,000 post-call webhooks at 100 connections and maps each once', async () => {
    const template = fixture<Json>('elevenlabs/post_call_transcription.json');
    const bodies = Array.from({ length: 2000 }, (_, i) => {
      const body = structuredClone(template);
      body.data.conversation_id = `conv_itburst_${i}`;
      return JSON.stringify(body);
    });
    const result = await burst('', 2000, 100, (i) => ({
      url: `${(i % 2 ? a : b).url}/webhook/post-call`,
      body: bodies[i],
      headers: {
        'content-type': 'application/json',
        'elevenlabs-signature': elevenLabsSignature(bodies[i], ELEVENLABS_SECRET),
      },
    }));
    expect(tally(result.statuses)).toEqual({ 200: 2000 });
    expect(
      await count(
        "SELECT count(*) AS n FROM artefacts WHERE conversation_id LIKE 'conv_itburst_%' AND kind = 'transcription'",
      ),
    ).toBe(2000);
    await eventually(
      async () =>
        (await count(
          "SELECT count(*) AS n FROM calls WHERE conversation_id LIKE 'conv_itburst_%' AND status = 'completed'",
        )) === 2000,
      180_000,
      500,
    );
    expect(
      await count(
        "SELECT count(*) AS n FROM calls WHERE conversation_id LIKE 'conv_itburst_%' AND jsonb_array_length(timeline) <> 1",
      ),
    ).toBe(0);
    process.stdout.write(
      `ingest int: 2,000 post-call webhooks acknowledged in ${result.seconds} s\n`,
    );
  }, 300_000);

  it('serves an artefact written through A byte-exact from B, and from both after a restart on fresh disks', async () => {
    const audio = Buffer.concat([MP3_HEADER, randomBytes(3 * 1024 * 1024)]);
    const body = JSON.stringify({
      type: 'post_call_audio',
      event_timestamp: 1763800000,
      data: { conversation_id: 'conv_replicated', full_audio: audio.toString('base64') },
    });
    await request(a.url)
      .post('/webhook/post-call')
      .set('content-type', 'application/json')
      .set('elevenlabs-signature', elevenLabsSignature(body, ELEVENLABS_SECRET))
      .send(body)
      .expect(200);
    const download = async (app: AppProcess) =>
      (
        await request(app.url)
          .get('/calls/conv_replicated/artefacts/audio')
          .set(bearer)
          .buffer(true)
          .parse((res, done) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => done(null, Buffer.concat(chunks)));
          })
          .expect(200)
      ).body as Buffer;
    expect((await download(b)).equals(audio)).toBe(true);
    await Promise.all([a.stop(), b.stop()]);
    await startBoth();
    expect((await download(a)).equals(audio)).toBe(true);
    expect((await download(b)).equals(audio)).toBe(true);
  }, 120_000);

  it('leaves the mirror at B after A→B→A→B of a row without updated_at, sent to alternating replicas', async () => {
    let previous = 'none';
    const ids: string[] = [];
    for (const [i, state] of ['A', 'B', 'A', 'B'].entries()) {
      // The source row changes as the webhooks say; verification reads it as it is then.
      source.put('flips', { id: 'f1', state });
      const res = await request((i % 2 ? a : b).url)
        .post('/api/v1/webhooks/supabase')
        .set('x-webhook-secret', SYNC_SECRET)
        .send({
          type: 'UPDATE',
          table: 'flips',
          schema: 'public',
          record: { id: 'f1', state },
          old_record: { id: 'f1', state: previous },
        })
        .expect(202);
      expect(res.body.details.duplicate).toBe(false);
      ids.push(res.body.details.event_id);
      previous = state;
    }
    expect(new Set(ids).size).toBe(4);
    await eventually(
      async () =>
        (await count(
          "SELECT count(*) AS n FROM events WHERE id = ANY($1) AND status = 'processed'",
          [ids],
        )) === 4,
      30_000,
      250,
    );
    // None dropped as a duplicate of an earlier body: four events, four verifications.
    expect(source.lookups('flips', 'f1')).toBe(4);
    const [row] = await query<{ data: Json }>(
      "SELECT data FROM sync_records WHERE table_name = 'flips' AND record_id = 'f1'",
    );
    expect(row.data).toEqual({ id: 'f1', state: 'B' });
  });

  it('accepts a row keyed interview_id and verifies it by that key', async () => {
    source.keyColumns.set('interviews', 'interview_id');
    source.put('interviews', { interview_id: 'iv-42', stage: 'offer' });
    const res = await request(b.url)
      .post('/api/v1/webhooks/supabase')
      .set('x-webhook-secret', SYNC_SECRET)
      .send({
        type: 'INSERT',
        table: 'interviews',
        schema: 'public',
        record: { interview_id: 'iv-42', stage: 'new' },
        old_record: null,
      })
      .expect(202);
    expect(res.body.details.record_id).toBe('iv-42');
    await eventually(
      async () =>
        (await count(
          "SELECT count(*) AS n FROM sync_records WHERE table_name = 'interviews' AND record_id = 'iv-42' AND verified",
        )) === 1,
      30_000,
      250,
    );
    expect(source.lookups('interviews', 'iv-42')).toBe(1);
    const [copy] = await query<{ data: Json }>(
      "SELECT data FROM sync_records WHERE table_name = 'interviews' AND record_id = 'iv-42'",
    );
    expect(copy.data).toEqual({ interview_id: 'iv-42', stage: 'offer' });
  });

  it('never lets forged booking messages through A make the real sender 429 at B', async () => {
    const phone = `+4916${String(process.pid).padStart(9, '0')}`;
    const message = (text: string) => ({ message: text, phone, thread_id: `it_${phone.slice(1)}` });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const text = JSON.stringify(message(`forged ${i}`));
      statuses.push(
        (
          await request(a.url)
            .post('/booking/webhook')
            .set('content-type', 'application/json')
            .set('x-webhook-signature', `sha256=${hmacHex(text, 'guessed')}`)
            .send(text)
        ).status,
      );
    }
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    const text = JSON.stringify(message('the real one'));
    await request(b.url)
      .post('/booking/webhook')
      .set('content-type', 'application/json')
      .set('x-webhook-signature', `sha256=${hmacHex(text, BOOKING_SECRET)}`)
      .send(text)
      .expect(200);
  });
});
