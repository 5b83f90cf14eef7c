// Supabase database webhooks are unsigned: a shared secret in `Authorization: Bearer <s>` or
// `X-Webhook-Secret: <s>`, or the hmac scheme over the raw body.
import type { IncomingHttpHeaders } from 'node:http';
import { verifyHmac } from './hmac.scheme';
import { fail, OK, secretsEqual, singleHeader, type VerifyResult } from './verify-result';

export function verifySupabase(
  rawBody: Buffer,
  headers: IncomingHttpHeaders,
  secrets: readonly string[],
): VerifyResult {
  if (secrets.length === 0) return fail('not_configured');
  const signature = singleHeader(headers, 'x-webhook-signature');
  if (signature !== undefined) return verifyHmac(rawBody, signature, secrets);

  const authorization = singleHeader(headers, 'authorization');
  const shared = singleHeader(headers, 'x-webhook-secret');
  if (authorization === null || shared === null) return fail('malformed');
  let presented: string | undefined;
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) return fail('malformed');
    presented = match[1];
  } else if (shared) presented = shared.trim();
  if (!presented) return fail('missing');
  let matched = false;
  for (const secret of secrets) if (secretsEqual(presented, secret)) matched = true;
  return matched ? OK : fail('invalid');
}
