// ElevenLabs post-call audio: base64 in JSON or the older multipart form, checked to be MP3,
// stored byte-exact (30 MB included) and streamed back; what is refused writes nothing.
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { DatabaseService } from '../../src/database/database.service';
import { artefacts } from '../../src/database/schema';
import { postCall, postCallBody, signedPostCall } from '../support/factories';
import {
  artefactCount,
  download,
  MP3_HEADER,
  mirrored,
  usePostCallApp,
} from '../support/post-call';
import { bearer, ELEVENLABS_SECRET, expectErrorShape, type TestApp } from '../support/test-app';
import { elevenLabsSignature } from '../../tools/signing';

describe('post-call audio (e2e)', () => {
  const app = usePostCallApp();
  let t: TestApp;
  beforeAll(() => {
    t = app.t;
  });
  const audio = postCallBody('post_call_audio');

  it('decodes base64 audio, checks it is MP3 and stores the exact bytes', async () => {
    const res = await signedPostCall(t.url, audio).expect(200);
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
    const body = postCallBody('post_call_audio', 'conv_wav');
    body.data.full_audio = Buffer.from('RIFF\0\0\0\0WAVEfmt ').toString('base64');
    const before = await artefactCount(t);
    const res = await signedPostCall(t.url, body).expect(400);
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
      const res = await postCall(t.url, text, elevenLabsSignature(text, ELEVENLABS_SECRET)).expect(
        200,
      );
      expect(res.body.data.file_size).toBe(big.length);
      expect((await download(t.url, 'conv_big', 'audio')).equals(big)).toBe(true);
    });

    it('refuses a body over AUDIO_BODY_LIMIT with 413', async () => {
      const text = JSON.stringify({
        type: 'post_call_audio',
        data: { conversation_id: 'conv_huge', full_audio: 'A'.repeat(51 * 1024 * 1024) },
      });
      const res = await postCall(t.url, text, elevenLabsSignature(text, ELEVENLABS_SECRET)).expect(
        413,
      );
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
