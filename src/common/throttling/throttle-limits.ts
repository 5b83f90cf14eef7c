// The throttler module options, extended with the per-class limits the guard applies.
import type { ThrottlerModuleOptions } from '@nestjs/throttler';

export type ThrottleLimits = Exclude<ThrottlerModuleOptions, unknown[]> & {
  webhookLimit: number;
  bookingLimit: number;
};
