// Which limit a route falls under (docs/api.md, Throttling). Values come from config at request time.
import { applyDecorators, SetMetadata, type Type } from '@nestjs/common';
import type { Request } from 'express';

export type ThrottleClass = 'default' | 'webhook' | 'booking';

/** A provider that names the sender of a request (a class, so it can read its feature's config). */
export interface SenderKey {
  senderOf(req: Request): string | undefined;
}

export const THROTTLE_CLASS = 'throttle:class';
export const THROTTLE_SENDER = 'throttle:sender';

/** Authenticated provider webhooks: not limited unless WEBHOOK_THROTTLE_LIMIT is set (per client). */
export const WebhookThrottle = () => SetMetadata(THROTTLE_CLASS, 'webhook' satisfies ThrottleClass);

/** BOOKING_THROTTLE_LIMIT per sender (e.g. phone), counted after authentication; no per-client cap. */
export const SenderThrottle = (sender: Type<SenderKey>) =>
  applyDecorators(
    SetMetadata(THROTTLE_CLASS, 'booking' satisfies ThrottleClass),
    SetMetadata(THROTTLE_SENDER, sender),
  );
