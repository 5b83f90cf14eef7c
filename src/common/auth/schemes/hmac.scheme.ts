// `X-Webhook-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`, bare hex accepted too.
import { decodeHexDigest, fail, matchesAnySecret, OK, type VerifyResult } from './verify-result';

export function verifyHmac(
  rawBody: Buffer,
  header: string | undefined | null,
  secrets: readonly string[],
): VerifyResult {
  if (secrets.length === 0) return fail('not_configured');
  if (header === undefined || header === '') return fail('missing');
  if (header === null) return fail('malformed');
  const digest = decodeHexDigest(header.trim().replace(/^sha256=/i, ''));
  if (!digest) return fail('malformed');
  return matchesAnySecret(digest, secrets, rawBody) ? OK : fail('invalid');
}
