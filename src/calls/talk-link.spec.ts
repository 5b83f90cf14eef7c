import { createTalkToken, verifyTalkToken } from './talk-link';

describe('talk link tokens', () => {
  const secret = 'link-secret';
  const now = Date.UTC(2026, 10, 22);

  it('round-trips the conversation id', () => {
    expect(verifyTalkToken(createTalkToken('link_abc', secret, 72, now), [secret], now)).toBe(
      'link_abc',
    );
  });

  it('expires after the TTL', () => {
    const token = createTalkToken('link_abc', secret, 1, now);
    expect(verifyTalkToken(token, [secret], now + 59 * 60_000)).toBe('link_abc');
    expect(verifyTalkToken(token, [secret], now + 61 * 60_000)).toBeNull();
  });

  it('rejects forged, truncated and re-signed tokens', () => {
    const token = createTalkToken('link_abc', secret, 72, now);
    const [payload, signature] = token.split('.');
    const otherPayload = Buffer.from(
      JSON.stringify({ c: 'link_other', e: 9_999_999_999 }),
    ).toString('base64url');
    expect(verifyTalkToken(`${otherPayload}.${signature}`, [secret], now)).toBeNull();
    expect(verifyTalkToken(token.slice(0, -3), [secret], now)).toBeNull();
    expect(verifyTalkToken(payload, [secret], now)).toBeNull();
    expect(
      verifyTalkToken(createTalkToken('link_abc', 'other-secret', 72, now), [secret], now),
    ).toBeNull();
    expect(verifyTalkToken('', [secret], now)).toBeNull();
    expect(verifyTalkToken(token, [''], now)).toBeNull();
  });

  it('rotates: signs with the first secret, accepts a link signed with any listed one', () => {
    const oldLink = createTalkToken('link_old', 'old-secret', 72, now);
    const rotated = ['new-secret', 'old-secret'];
    expect(verifyTalkToken(oldLink, rotated, now)).toBe('link_old');
    const newLink = createTalkToken('link_new', rotated[0], 72, now);
    expect(verifyTalkToken(newLink, ['new-secret'], now)).toBe('link_new');
    expect(verifyTalkToken(oldLink, ['new-secret'], now)).toBeNull();
    expect(verifyTalkToken(oldLink, [], now)).toBeNull();
  });
});
