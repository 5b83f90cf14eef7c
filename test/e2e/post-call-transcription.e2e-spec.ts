// ElevenLabs post-call transcriptions and call failures, signed as ElevenLabs signs: stored
// byte-exact in the database before the 200, results on the call record and the PAYLOAD_DIR
// mirror written by the job after it, redeliveries recognised, unknown types kept.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { DatabaseService } from '../../src/database/database.service';
import { events } from '../../src/database/schema';
import { postCall, postCallBody, signedPostCall } from '../support/factories';
import { callWith, download, eventCount, mirrored, usePostCallApp } from '../support/post-call';
import { bearer, ELEVENLABS_SECRET, eventually, type TestApp } from '../support/test-app';
import { elevenLabsSignature, fixture } from '../../tools/signing';
import type { Json } from '../../tools/json';

describe('post-call transcriptions and failures (e2e)', () => {
  const app = usePostCallApp();
  let t: TestApp;
  beforeAll(() => {
    t = app.t;
  });
  const transcription = postCallBody('post_call_transcription');

  it('stores a transcription byte-exact and puts the results on the call', async () => {
    const text = JSON.stringify(transcription);
    const res = await postCall(t.url, text, elevenLabsSignature(text, ELEVENLABS_SECRET)).expect(
      200,
    );
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
    const body = postCallBody('post_call_transcription', 'conv_redelivered');
    await signedPostCall(t.url, body).expect(200);
    await mirrored(t, 'conv_redelivered/conv_redelivered_transcription.json');
    await callWith(t, 'conv_redelivered', (c) => c.status === 'completed');
    const file = join(
      t.payloadDir as string,
      'conv_redelivered/conv_redelivered_transcription.json',
    );
    const firstWrite = statSync(file).mtimeMs;
    const before = await eventCount(t);
    const again = await signedPostCall(t.url, body).expect(200);
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
    const body = postCallBody('post_call_transcription', 'conv_logged');
    await signedPostCall(t.url, body).expect(200);
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

  it.each(['twilio', 'sip'])(
    'records a %s call initiation failure and fails the call',
    async (variant) => {
      const failure = fixture<Json>(`elevenlabs/call_initiation_failure_${variant}.json`);
      const res = await signedPostCall(t.url, failure).expect(200);
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
    const res = await signedPostCall(t.url, {
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
});
