// What every scheme answers, and the byte-level helpers they share.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export type VerifyResult =
  | { ok: true }
  | {
      ok: false;
      reason: 'missing' | 'malformed' | 'invalid' | 'stale' | 'future' | 'not_configured';
    };

export const OK: VerifyResult = { ok: true };
export const fail = (reason: Exclude<VerifyResult, { ok: true }>['reason']): VerifyResult => ({
  ok: false,
  reason,
});

/** A header's single value; a repeated header (Node joins them, or an array) counts as malformed. */
export function singleHeader(
  headers: IncomingHttpHeaders,
  name: string,
): string | undefined | null {
  const value = headers[name.toLowerCase()];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.length === 1 ? value[0] : null;
  return value;
}

/** Constant-time equality of two secrets of any length (compares their SHA-256 digests). */
export function secretsEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db);
}

export function hmacSha256(secret: string, ...parts: (Buffer | string)[]): Buffer {
  const mac = createHmac('sha256', Buffer.from(secret, 'utf8'));
  for (const part of parts) mac.update(part);
  return mac.digest();
}

const HEX_256 = /^[0-9a-f]{64}$/i;

/** Decodes a 64-char hex digest, or null when it is not one. */
export function decodeHexDigest(value: string): Buffer | null {
  return HEX_256.test(value) ? Buffer.from(value, 'hex') : null;
}

/** True when `expected` equals the HMAC of the body under any of the secrets (rotation). */
export function matchesAnySecret(
  expected: Buffer,
  secrets: readonly string[],
  ...parts: (Buffer | string)[]
): boolean {
  let matched = false;
  // Check every secret, so timing does not reveal which one matched.
  for (const secret of secrets) {
    if (timingSafeEqual(hmacSha256(secret, ...parts), expected)) matched = true;
  }
  return matched;
}
