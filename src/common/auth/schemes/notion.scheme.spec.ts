import { createHmac } from 'node:crypto';
import { isNotionHandshake, verifyNotion } from './notion.scheme';

const sign = (token: string, body: Buffer) =>
  `sha256=${createHmac('sha256', token).update(body).digest('hex')}`;

describe('verifyNotion', () => {
  const body = Buffer.from('{"id":"367cba44","type":"page.created"}');
  const tokens = ['secret_old', 'secret_new'];

  it('accepts a valid signature', () =>
    expect(verifyNotion(body, sign('secret_old', body), tokens)).toEqual({ ok: true }));
  it('accepts a rotated token', () =>
    expect(verifyNotion(body, sign('secret_new', body), tokens)).toEqual({ ok: true }));
  it('rejects a tampered body', () =>
    expect(verifyNotion(Buffer.from('{"id":"x"}'), sign('secret_old', body), tokens)).toEqual({
      ok: false,
      reason: 'invalid',
    }));
  it('rejects a wrong token', () =>
    expect(verifyNotion(body, sign('nope', body), tokens)).toEqual({
      ok: false,
      reason: 'invalid',
    }));
  it('rejects bare hex (Notion always prefixes sha256=)', () =>
    expect(verifyNotion(body, sign('secret_old', body).slice(7), tokens)).toEqual({
      ok: false,
      reason: 'malformed',
    }));
  it('rejects a missing header', () =>
    expect(verifyNotion(body, undefined, tokens)).toEqual({ ok: false, reason: 'missing' }));
  it('refuses until the operator configured a token', () =>
    expect(verifyNotion(body, sign('secret_old', body), [])).toEqual({
      ok: false,
      reason: 'not_configured',
    }));
});

describe('isNotionHandshake', () => {
  it('recognises the handshake body', () =>
    expect(isNotionHandshake({ verification_token: 'secret_x' })).toBe(true));
  it('does not let an event pass as a handshake', () =>
    expect(isNotionHandshake({ verification_token: 'secret_x', type: 'page.created' })).toBe(
      false,
    ));
  it.each([null, [], 'x', { verification_token: 1 }, { verification_token: '' }])(
    'rejects %p',
    (body) => expect(isNotionHandshake(body)).toBe(false),
  );
});
