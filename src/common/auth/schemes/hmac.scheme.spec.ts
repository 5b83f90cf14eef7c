import { createHmac } from 'node:crypto';
import { verifyHmac } from './hmac.scheme';

const sign = (secret: string, body: Buffer) =>
  createHmac('sha256', secret).update(body).digest('hex');

describe('verifyHmac', () => {
  const body = Buffer.from('{"event_type":"insert","record_id":"123"}');
  const secrets = ['old-secret', 'new-secret'];

  it('accepts sha256=<hex>', () =>
    expect(verifyHmac(body, `sha256=${sign('old-secret', body)}`, secrets)).toEqual({ ok: true }));
  it('accepts bare hex', () =>
    expect(verifyHmac(body, sign('old-secret', body), secrets)).toEqual({ ok: true }));
  it('accepts a rotated secret', () =>
    expect(verifyHmac(body, sign('new-secret', body), secrets)).toEqual({ ok: true }));
  it('rejects a tampered body', () =>
    expect(
      verifyHmac(Buffer.from('{"event_type":"delete"}'), sign('old-secret', body), secrets),
    ).toEqual({ ok: false, reason: 'invalid' }));
  it('rejects a wrong secret', () =>
    expect(verifyHmac(body, sign('guess', body), secrets)).toEqual({
      ok: false,
      reason: 'invalid',
    }));
  it('rejects a malformed header', () =>
    expect(verifyHmac(body, 'sha256=zz', secrets)).toEqual({ ok: false, reason: 'malformed' }));
  it('rejects a truncated digest', () =>
    expect(verifyHmac(body, sign('old-secret', body).slice(0, 63), secrets)).toEqual({
      ok: false,
      reason: 'malformed',
    }));
  it('rejects a missing header', () =>
    expect(verifyHmac(body, undefined, secrets)).toEqual({ ok: false, reason: 'missing' }));
  it('refuses when no secret is configured', () =>
    expect(verifyHmac(body, sign('x', body), [])).toEqual({ ok: false, reason: 'not_configured' }));
});
