// Deduplication needs an identity the sender gives a delivery; a body hash is not one (the same
// change twice, e.g. UPDATE A→B, B→A, A→B, is two events). Headers that carry one: `webhook-id`
// (Standard Webhooks) and `Idempotency-Key`.
import type { IncomingHttpHeaders } from 'node:http';
import { randomUUID } from 'node:crypto';

const IDENTITY = /^[\x21-\x7e]{1,200}$/;

/** The delivery's identity from its headers, or undefined when it carries none (or a bad one). */
export function deliveryIdentity(headers: IncomingHttpHeaders): string | undefined {
  for (const name of ['webhook-id', 'idempotency-key']) {
    const value = headers[name];
    if (typeof value === 'string' && IDENTITY.test(value)) return value;
  }
  return undefined;
}

/** `prefix:identity` when the delivery has one, else a key of its own (never a duplicate). */
export function dedupKeyFor(prefix: string, identity: string | undefined): string {
  return identity ? `${prefix}:id:${identity}` : `${prefix}:arrival:${randomUUID()}`;
}
