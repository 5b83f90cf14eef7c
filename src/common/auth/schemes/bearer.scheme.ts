// `Authorization: Bearer <token>`: the API clients' tokens (API_CLIENTS / API_TOKENS) and METRICS_TOKEN.
import { fail, OK, secretsEqual, type VerifyResult } from './verify-result';

export type BearerParse =
  { ok: true; token: string } | { ok: false; reason: 'missing' | 'malformed' };

/** The token of a single `Bearer` header; a repeated header arrives as null (malformed). */
export function parseBearer(header: string | undefined | null): BearerParse {
  if (header === undefined || header === '') return { ok: false, reason: 'missing' };
  const match = header === null ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? { ok: true, token: match[1] } : { ok: false, reason: 'malformed' };
}

export function verifyBearer(
  header: string | undefined | null,
  tokens: readonly string[],
): VerifyResult {
  if (tokens.length === 0) return fail('not_configured');
  const parsed = parseBearer(header);
  if (!parsed.ok) return fail(parsed.reason);
  let matched = false;
  for (const token of tokens) if (secretsEqual(parsed.token, token)) matched = true;
  return matched ? OK : fail('invalid');
}
