import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { parseGhlPublicKey, verifyGhl } from './ghl.scheme';

describe('verifyGhl', () => {
  const body = Buffer.from('{"type":"InboundMessage","body":"Hallo"}');
  const ed = generateKeyPairSync('ed25519');
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const edKey = parseGhlPublicKey(ed.publicKey.export({ type: 'spki', format: 'pem' }).toString());
  const rsaKey = parseGhlPublicKey(
    rsa.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  );
  const edSig = sign(null, body, ed.privateKey).toString('base64');
  const rsaSig = sign('sha256', body, rsa.privateKey).toString('base64');

  it('parses PEM and base64 DER keys', () => {
    expect(edKey?.asymmetricKeyType).toBe('ed25519');
    expect(rsaKey?.asymmetricKeyType).toBe('rsa');
    expect(parseGhlPublicKey('not a key')).toBeNull();
  });
  it('accepts a valid Ed25519 x-ghl-signature', () =>
    expect(verifyGhl(body, { 'x-ghl-signature': edSig }, edKey, [])).toEqual({ ok: true }));
  it('accepts a valid RSA x-wh-signature', () =>
    expect(verifyGhl(body, { 'x-wh-signature': rsaSig }, rsaKey, [])).toEqual({ ok: true }));
  it('rejects an Ed25519 signature over a tampered body', () =>
    expect(verifyGhl(Buffer.from('{"body":"x"}'), { 'x-ghl-signature': edSig }, edKey, [])).toEqual(
      { ok: false, reason: 'invalid' },
    ));
  it('rejects an RSA signature over a tampered body', () =>
    expect(
      verifyGhl(Buffer.from('{"body":"x"}'), { 'x-wh-signature': rsaSig }, rsaKey, []),
    ).toEqual({ ok: false, reason: 'invalid' }));
  it('rejects a signature by another key', () => {
    const other = generateKeyPairSync('ed25519');
    expect(
      verifyGhl(
        body,
        { 'x-ghl-signature': sign(null, body, other.privateKey).toString('base64') },
        edKey,
        [],
      ),
    ).toEqual({ ok: false, reason: 'invalid' });
  });
  it('rejects a non-base64 signature', () =>
    expect(verifyGhl(body, { 'x-ghl-signature': '%%%' }, edKey, [])).toEqual({
      ok: false,
      reason: 'malformed',
    }));
  it('rejects a missing signature', () =>
    expect(verifyGhl(body, {}, edKey, [])).toEqual({ ok: false, reason: 'missing' }));
  it('falls back to the hmac scheme with BOOKING_WEBHOOK_SECRET', () => {
    const hex = createHmac('sha256', 'booking-secret').update(body).digest('hex');
    expect(
      verifyGhl(body, { 'x-webhook-signature': `sha256=${hex}` }, null, ['booking-secret']),
    ).toEqual({ ok: true });
    expect(
      verifyGhl(
        body,
        { 'x-webhook-signature': hex.replace(/^./, hex[0] === 'a' ? 'b' : 'a') },
        null,
        ['booking-secret'],
      ),
    ).toEqual({ ok: false, reason: 'invalid' });
  });
  it('says not_configured when neither key nor secret is set', () =>
    expect(verifyGhl(body, { 'x-ghl-signature': edSig }, null, [])).toEqual({
      ok: false,
      reason: 'not_configured',
    }));
});
