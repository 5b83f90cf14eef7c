// Throttle counters in Redis, with a defined behaviour when Redis fails (docs/api.md, Throttling):
// - every limit except booking's per-sender one fails OPEN: a throttle must never drop a
//   legitimate webhook, and Supabase's pg_net never retries a refused one;
// - the booking per-sender limit and the failed-authentication counter fall back to this
//   replica's in-memory counter: they still hold per replica (across the fleet a sender gets at
//   most limit × replicas messages per window), never disappear silently, and the outage is
//   logged and shown by readiness.
// Redis commands are bounded by the client's commandTimeout, so a silent Redis costs
// milliseconds, not a hung request.
import { Logger } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** Throttlers whose limit must survive a Redis outage: booking per sender, auth failures. */
export const LOCAL_FALLBACK_THROTTLERS = new Set(['sender', 'auth-failures']);

const OPEN: ThrottlerStorageRecord = {
  totalHits: 0,
  timeToExpire: 0,
  isBlocked: false,
  timeToBlockExpire: 0,
};

export class ResilientThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('Throttler');
  private readonly local = new ThrottlerStorageService();
  private degraded = false;

  constructor(private readonly shared: ThrottlerStorage) {}

  /** False while the last Redis command failed. */
  get sharedAvailable(): boolean {
    return !this.degraded;
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    try {
      const record = await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
      if (this.degraded) {
        this.degraded = false;
        this.logger.log('Redis reachable again: throttle counters shared across replicas');
      }
      return record;
    } catch (error) {
      if (!this.degraded) {
        this.degraded = true;
        this.logger.error(
          `Redis unavailable (${(error as Error).message}): throttles fail open, the booking per-sender limit counts per replica`,
        );
      }
      if (LOCAL_FALLBACK_THROTTLERS.has(throttlerName))
        return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
      return OPEN;
    }
  }
}
