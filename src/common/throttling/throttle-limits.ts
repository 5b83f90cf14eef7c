// The throttler module options, extended with the per-class limits the guard applies.
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Request } from 'express';

export type ThrottleLimits = Exclude<ThrottlerModuleOptions, unknown[]> & {
  webhookLimit: number;
  bookingLimit: number;
  /** Lets a feature count its refusals (booking's `rate_limited`). */
  onThrottled?: (req: Request) => void;
};
