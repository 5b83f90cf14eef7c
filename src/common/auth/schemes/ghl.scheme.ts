// GoHighLevel: `x-ghl-signature` (Ed25519, base64) or legacy `x-wh-signature` (RSA-SHA256,
// base64) over the raw body with GoHighLevel's public key, or the hmac scheme.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { verifyHmac } from './hmac.scheme';
import { fail, OK, singleHeader, type VerifyResult } from './verify-result';

export interface GhlKeys {
  /** PEM, or base64 of the DER SubjectPublicKeyInfo. */
  publicKey?: string;
  hmacSecrets: readonly string[];
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Parses the configured key once; null when it is not a usable public key. */
export function parseGhlPublicKey(value: string | undefined): KeyObject | null {
  if (!value) return null;
  try {
    if (value.includes('-----BEGIN')) return createPublicKey(value.replace(/\\n/g, '\n'));
    return createPublicKey({ key: Buffer.from(value, 'base64'), format: 'der', type: 'spki' });
  } catch {
    return null;
  }
}

function decodeSignature(value: string): Buffer | null {
  const trimmed = value.trim();
  return trimmed.length > 0 && trimmed.length <= 1024 && BASE64.test(trimmed)
    ? Buffer.from(trimmed, 'base64')
    : null;
}

export function verifyGhl(
  rawBody: Buffer,
  headers: IncomingHttpHeaders,
  key: KeyObject | null,
  hmacSecrets: readonly string[],
): VerifyResult {
  if (!key && hmacSecrets.length === 0) return fail('not_configured');
  const ed25519 = singleHeader(headers, 'x-ghl-signature');
  const rsa = singleHeader(headers, 'x-wh-signature');
  if (key && (ed25519 !== undefined || rsa !== undefined)) {
    const header = ed25519 !== undefined ? ed25519 : rsa;
    const signature = header ? decodeSignature(header) : null;
    if (!signature) return fail('malformed');
    try {
      const valid =
        key.asymmetricKeyType === 'ed25519'
          ? ed25519 !== undefined && verify(null, rawBody, key, signature)
          : rsa !== undefined && verify('sha256', rawBody, key, signature);
      return valid ? OK : fail('invalid');
    } catch {
      return fail('malformed');
    }
  }
  if (hmacSecrets.length > 0)
    return verifyHmac(rawBody, singleHeader(headers, 'x-webhook-signature'), hmacSecrets);
  return fail('missing');
}
