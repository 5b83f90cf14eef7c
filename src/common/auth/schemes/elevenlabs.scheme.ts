// `ElevenLabs-Signature: t=<unix s>,v0=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
import { decodeHexDigest, fail, matchesAnySecret, OK, type VerifyResult } from './verify-result';

export const ELEVENLABS_MAX_AGE_SECONDS = 30 * 60;
export const ELEVENLABS_MAX_FUTURE_SECONDS = 5 * 60;

export function verifyElevenLabs(
  rawBody: Buffer,
  header: string | undefined | null,
  secrets: readonly string[],
  nowSeconds: number,
): VerifyResult {
  if (secrets.length === 0) return fail('not_configured');
  if (header === undefined || header === '') return fail('missing');
  if (header === null) return fail('malformed');
  let timestamp: string | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const [key, value, ...rest] = part.trim().split('=');
    if (value === undefined || rest.length > 0) return fail('malformed');
    if (key === 't') timestamp = value;
    else if (key === 'v0') {
      const digest = decodeHexDigest(value);
      if (!digest) return fail('malformed');
      signatures.push(digest);
    }
  }
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || signatures.length === 0)
    return fail('malformed');
  const age = nowSeconds - Number(timestamp);
  if (age > ELEVENLABS_MAX_AGE_SECONDS) return fail('stale');
  if (age < -ELEVENLABS_MAX_FUTURE_SECONDS) return fail('future');
  const matched = signatures.some((digest) =>
    matchesAnySecret(digest, secrets, `${timestamp}.`, rawBody),
  );
  return matched ? OK : fail('invalid');
}
