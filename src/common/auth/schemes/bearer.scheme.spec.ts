import { verifyBearer } from './bearer.scheme';

describe('verifyBearer', () => {
  const tokens = ['current-token', 'next-token'];

  it('accepts a configured token', () =>
    expect(verifyBearer('Bearer current-token', tokens)).toEqual({ ok: true }));
  it('accepts the rotated-in token', () =>
    expect(verifyBearer('bearer next-token', tokens)).toEqual({ ok: true }));
  it('rejects an unknown token', () =>
    expect(verifyBearer('Bearer nope', tokens)).toEqual({ ok: false, reason: 'invalid' }));
  it('rejects a missing header', () =>
    expect(verifyBearer(undefined, tokens)).toEqual({ ok: false, reason: 'missing' }));
  it('rejects another scheme', () =>
    expect(verifyBearer('Basic abc', tokens)).toEqual({ ok: false, reason: 'malformed' }));
  it('rejects a repeated header', () =>
    expect(verifyBearer(null, tokens)).toEqual({ ok: false, reason: 'malformed' }));
  it('rejects everything when no token is configured', () =>
    expect(verifyBearer('Bearer current-token', [])).toEqual({
      ok: false,
      reason: 'not_configured',
    }));
});
