import { createHmac } from 'node:crypto';
import { verifyElevenLabs } from './elevenlabs.scheme';

const sign = (secret: string, t: number, body: Buffer) =>
  `t=${t},v0=${createHmac('sha256', secret).update(`${t}.${body.toString()}`).digest('hex')}`;

describe('verifyElevenLabs', () => {
  const body = Buffer.from(
    '{"type":"post_call_transcription","data":{"conversation_id":"conv_1"}}',
  );
  const now = 1_763_800_000;
  const secrets = ['wsec_old', 'wsec_new'];

  it('accepts a fresh signature', () =>
    expect(verifyElevenLabs(body, sign('wsec_old', now, body), secrets, now)).toEqual({
      ok: true,
    }));
  it('accepts the rotated secret', () =>
    expect(verifyElevenLabs(body, sign('wsec_new', now - 60, body), secrets, now)).toEqual({
      ok: true,
    }));
  it('accepts 29 minutes old', () =>
    expect(verifyElevenLabs(body, sign('wsec_old', now - 29 * 60, body), secrets, now)).toEqual({
      ok: true,
    }));
  it('rejects 31 minutes old', () =>
    expect(verifyElevenLabs(body, sign('wsec_old', now - 31 * 60, body), secrets, now)).toEqual({
      ok: false,
      reason: 'stale',
    }));
  it('rejects more than 5 minutes ahead', () =>
    expect(verifyElevenLabs(body, sign('wsec_old', now + 6 * 60, body), secrets, now)).toEqual({
      ok: false,
      reason: 'future',
    }));
  it('rejects a tampered body', () =>
    expect(
      verifyElevenLabs(
        Buffer.from(body.toString().replace('conv_1', 'conv_2')),
        sign('wsec_old', now, body),
        secrets,
        now,
      ),
    ).toEqual({ ok: false, reason: 'invalid' }));
  it('rejects a wrong secret', () =>
    expect(verifyElevenLabs(body, sign('wsec_guess', now, body), secrets, now)).toEqual({
      ok: false,
      reason: 'invalid',
    }));
  it('rejects a signature over another timestamp', () => {
    const header = sign('wsec_old', now, body).replace(`t=${now}`, `t=${now - 1}`);
    expect(verifyElevenLabs(body, header, secrets, now)).toEqual({ ok: false, reason: 'invalid' });
  });
  it.each([
    'garbage',
    't=abc,v0=00',
    `t=${now}`,
    `v0=${'a'.repeat(64)}`,
    `t=${now},v0=xyz`,
    `t=${now},v0=${'a'.repeat(64)},x`,
  ])('rejects the malformed header %s', (header) =>
    expect(verifyElevenLabs(body, header, secrets, now)).toEqual({
      ok: false,
      reason: 'malformed',
    }),
  );
  it('rejects a missing header', () =>
    expect(verifyElevenLabs(body, undefined, secrets, now)).toEqual({
      ok: false,
      reason: 'missing',
    }));
  it('rejects a repeated header', () =>
    expect(verifyElevenLabs(body, null, secrets, now)).toEqual({ ok: false, reason: 'malformed' }));
  it('refuses without secrets', () =>
    expect(verifyElevenLabs(body, sign('wsec_old', now, body), [], now)).toEqual({
      ok: false,
      reason: 'not_configured',
    }));
});
