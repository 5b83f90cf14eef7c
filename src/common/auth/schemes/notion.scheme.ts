// `X-Notion-Signature: sha256=<hex HMAC-SHA256(verification_token, raw body)>`.
import { decodeHexDigest, fail, matchesAnySecret, OK, type VerifyResult } from './verify-result';

export function verifyNotion(
  rawBody: Buffer,
  header: string | undefined | null,
  tokens: readonly string[],
): VerifyResult {
  if (tokens.length === 0) return fail('not_configured');
  if (header === undefined || header === '') return fail('missing');
  if (header === null || !/^sha256=/i.test(header)) return fail('malformed');
  const digest = decodeHexDigest(header.slice('sha256='.length));
  if (!digest) return fail('malformed');
  return matchesAnySecret(digest, tokens, rawBody) ? OK : fail('invalid');
}

/** The one-time handshake body: exactly `{"verification_token": "<string>"}`. */
export function isNotionHandshake(body: unknown): body is { verification_token: string } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const keys = Object.keys(body);
  const token = (body as Record<string, unknown>).verification_token;
  return keys.length === 1 && typeof token === 'string' && token.length > 0 && token.length <= 512;
}
