// The throttler module options, extended with the per-class limits the guard applies.
import type { ThrottlerModuleOptions } from '@nestjs/throttler';

export type ThrottleLimits = Exclude<ThrottlerModuleOptions, unknown[]> & {
  /** Unset: provider webhooks are not rate-limited. */
  webhookLimit: number | undefined;
  bookingLimit: number;
};
