// Talk-page tokens: `<payload>.<signature>`, both base64url; HMAC-SHA256 with LINK_SECRET over the
// payload, which names the call and when the link expires. LINK_SECRET is a comma list for
// rotation: new links are signed with the first secret, links signed with any of them still open,
// so the links already sent keep working until the old secret is dropped.
import { createHmac, timingSafeEqual } from 'node:crypto';

interface TokenPayload {
  /** conversation id */
  c: string;
  /** expiry, unix seconds */
  e: number;
}

const sign = (payload: string, secret: string) =>
  createHmac('sha256', secret).update(payload).digest();

export function createTalkToken(
  conversationId: string,
  secret: string,
  ttlHours: number,
  now = Date.now(),
): string {
  const payload = Buffer.from(
    JSON.stringify({
      c: conversationId,
      e: Math.floor(now / 1000) + ttlHours * 3600,
    } satisfies TokenPayload),
  ).toString('base64url');
  return `${payload}.${sign(payload, secret).toString('base64url')}`;
}

const signedByOneOf = (payload: string, signature: string, secrets: readonly string[]) => {
  const given = Buffer.from(signature, 'base64url');
  return secrets.some((secret) => {
    const expected = sign(payload, secret);
    return secret !== '' && given.length === expected.length && timingSafeEqual(given, expected);
  });
};

/**
 * The conversation id of a valid, unexpired token signed with any of `secrets`; null for anything
 * else (no reason given).
 */
export function verifyTalkToken(
  token: string,
  secrets: readonly string[],
  now = Date.now(),
): string | null {
  if (token.length > 512) return null;
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) return null;
  if (!signedByOneOf(payload, signature, secrets)) return null;
  try {
    const parsed = JSON.parse(
      Buffer.from(payload, 'base64url').toString('utf8'),
    ) as Partial<TokenPayload>;
    if (typeof parsed.c !== 'string' || typeof parsed.e !== 'number') return null;
    return parsed.e * 1000 > now ? parsed.c : null;
  } catch {
    return null;
  }
}
