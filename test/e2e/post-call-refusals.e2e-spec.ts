// Refused post-call webhooks write nothing: a missing, malformed, wrong, tampered, stale or
// future signature (401), a conversation id that could name a path (400), a known type without
// one (400). Neither a row nor a file appears.
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { postCall, postCallBody, signedPostCall } from '../support/factories';
import { artefactCount, eventCount, usePostCallApp } from '../support/post-call';
import { ELEVENLABS_SECRET, expectErrorShape, type TestApp } from '../support/test-app';
import { elevenLabsSignature } from '../../tools/signing';

describe('post-call: refused requests write nothing (e2e)', () => {
  const app = usePostCallApp();
  let t: TestApp;
  beforeAll(() => {
    t = app.t;
  });

  const body = postCallBody('post_call_transcription', 'conv_forged');
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
    const res = await postCall(t.url, text, signature).expect(401);
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
      const res = await signedPostCall(t.url, postCallBody('post_call_transcription', id)).expect(
        400,
      );
      expectErrorShape(res.body);
      expect(await eventCount(t)).toBe(before);
      expect(files()).toEqual(listing);
    },
  );

  it('a known type without data.conversation_id → 400 listing it', async () => {
    const res = await signedPostCall(t.url, { type: 'post_call_transcription', data: {} }).expect(
      400,
    );
    expectErrorShape(res.body, { code: 'missing_required_fields' });
    expect(res.body.missing).toEqual(['data.conversation_id']);
  });
});
