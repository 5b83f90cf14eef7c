// Failed authentication is limited per client IP on a counter of its own: forged requests never
// touch the quota of the sender they name, and guessing a secret gets slow. Only failures are
// counted, and a request that authenticates never consults this counter, so a legitimate sender
// behind the same IP as a forger (GoHighLevel shares a few) is never refused by it.
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectThrottlerStorage, type ThrottlerStorage } from '@nestjs/throttler';
import type { Request } from 'express';
import { throttleConfig } from '../../config/namespaces';
import type { ApiException } from '../errors/api.exception';
import { rateLimited } from './app-throttler.guard';

const WINDOW_MS = 60_000;

@Injectable()
export class AuthFailureLimiter {
  private readonly log = new Logger('Throttler');

  constructor(
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    @Inject(throttleConfig.KEY) private readonly config: ConfigType<typeof throttleConfig>,
  ) {}

  /** Counts one failed authentication; answers the 429 to throw instead of the 401 when over. */
  async count(req: Request): Promise<ApiException | undefined> {
    const limit = this.config.authFailureLimit;
    try {
      const record = await this.storage.increment(
        `auth-failures:${req.ip ?? 'unknown'}`,
        WINDOW_MS,
        limit,
        WINDOW_MS,
        'auth-failures',
      );
      if (record.totalHits <= limit) return undefined;
      return rateLimited(
        limit,
        WINDOW_MS,
        (record.timeToBlockExpire || record.timeToExpire) ?? 1,
        'failed authentications',
      );
    } catch (error) {
      this.log.warn(`throttle store unavailable, failure not counted: ${(error as Error).message}`);
      return undefined;
    }
  }
}
