import { createHmac } from 'node:crypto';
import { verifySupabase } from './supabase.scheme';

describe('verifySupabase', () => {
  const body = Buffer.from('{"type":"INSERT","table":"applicants"}');
  const secrets = ['hook-secret', 'hook-secret-next'];

  it('accepts the shared secret as a bearer token', () =>
    expect(verifySupabase(body, { authorization: 'Bearer hook-secret' }, secrets)).toEqual({
      ok: true,
    }));
  it('accepts the shared secret in X-Webhook-Secret', () =>
    expect(verifySupabase(body, { 'x-webhook-secret': 'hook-secret-next' }, secrets)).toEqual({
      ok: true,
    }));
  it('accepts an HMAC signature', () => {
    const signature = createHmac('sha256', 'hook-secret').update(body).digest('hex');
    expect(verifySupabase(body, { 'x-webhook-signature': signature }, secrets)).toEqual({
      ok: true,
    });
  });
  it('rejects an HMAC over a tampered body', () => {
    const signature = createHmac('sha256', 'hook-secret').update('other').digest('hex');
    expect(verifySupabase(body, { 'x-webhook-signature': signature }, secrets)).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });
  it('rejects a wrong secret', () =>
    expect(verifySupabase(body, { 'x-webhook-secret': 'guess' }, secrets)).toEqual({
      ok: false,
      reason: 'invalid',
    }));
  it('rejects a malformed Authorization header', () =>
    expect(verifySupabase(body, { authorization: 'hook-secret' }, secrets)).toEqual({
      ok: false,
      reason: 'malformed',
    }));
  it('rejects no credential', () =>
    expect(verifySupabase(body, {}, secrets)).toEqual({ ok: false, reason: 'missing' }));
  it('refuses without a configured secret', () =>
    expect(verifySupabase(body, { 'x-webhook-secret': 'x' }, [])).toEqual({
      ok: false,
      reason: 'not_configured',
    }));
});
