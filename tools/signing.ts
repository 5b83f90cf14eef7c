// Signs bodies the way each provider does (see src/docs/examples/README and the design fixtures).
import { createHmac, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { examplePath } from './paths';

/** A provider example of src/docs/examples, parsed: `fixture('supabase/insert.json')`. */
export function fixture<T = Record<string, unknown>>(path: string): T {
  return JSON.parse(readFileSync(examplePath(path), 'utf8')) as T;
}

export function elevenLabsSignature(
  body: string | Buffer,
  secret: string,
  t = Math.floor(Date.now() / 1000),
): string {
  const mac = createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');
  return `t=${t},v0=${mac}`;
}

export function hmacHex(body: string | Buffer, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** `sha256=<hex HMAC>`: X-Webhook-Signature of the sync and booking routes. */
export function sha256Signature(body: string | Buffer, secret: string): string {
  return `sha256=${hmacHex(body, secret)}`;
}

/** Notion signs with its verification token in the same `sha256=<hex>` form. */
export const notionSignature = sha256Signature;

export function ed25519Signature(body: string | Buffer, privateKey: KeyObject): string {
  return cryptoSign(null, Buffer.from(body), privateKey).toString('base64');
}

export function rsaSignature(body: string | Buffer, privateKey: KeyObject): string {
  return cryptoSign('sha256', Buffer.from(body), privateKey).toString('base64');
}
