// The booking webhook's request tallies in the database, so /booking/metrics means the same on
// every replica and after a restart. Requests are counted in memory as they finish and added to
// the shared rows every few seconds (and before a read or a shutdown): one write per interval,
// not per request, so a flood of throttled requests costs the database nothing extra.
import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { inArray, sql } from 'drizzle-orm';
import { DatabaseService } from '../database/database.service';
import { counters } from '../database/schema';
import { MetricsService, type RouteTally } from '../metrics/metrics.service';

const FLUSH_MS = 2000;
const NAMES = {
  requests: 'booking.requests',
  errors: 'booking.errors',
  rateLimited: 'booking.rate_limited',
} as const;

export type BookingTallies = Record<keyof typeof NAMES, number>;

@Injectable()
export class BookingCountersService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('BookingCounters');
  /** This replica's tally since start (counted by the HTTP metrics middleware). */
  private readonly tally: RouteTally;
  /** The part of `tally` already added to the database. */
  private readonly flushed: BookingTallies = { requests: 0, errors: 0, rateLimited: 0 };
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly database: DatabaseService,
    metrics: MetricsService,
  ) {
    this.tally = metrics.tally('POST', '/booking/webhook');
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** Totals of all replicas since the database was created. */
  async totals(): Promise<BookingTallies> {
    await this.flush();
    const rows = await this.database.db
      .select({ name: counters.name, value: counters.value })
      .from(counters)
      .where(inArray(counters.name, Object.values(NAMES)));
    const value = (name: string) => Number(rows.find((r) => r.name === name)?.value ?? 0);
    return {
      requests: value(NAMES.requests),
      errors: value(NAMES.errors),
      rateLimited: value(NAMES.rateLimited),
    };
  }

  /** Adds what this replica counted since the last flush; serialised, so nothing is added twice. */
  flush(): Promise<void> {
    this.flushing = this.flushing
      .then(() => this.flushOnce())
      .catch((error: Error) => {
        // Kept in memory and added on the next flush.
        this.logger.warn(`could not store booking counters: ${error.message}`);
      });
    return this.flushing;
  }

  private async flushOnce(): Promise<void> {
    const delta: BookingTallies = {
      requests: this.tally.requests - this.flushed.requests,
      errors: this.tally.errors - this.flushed.errors,
      rateLimited: this.tally.rateLimited - this.flushed.rateLimited,
    };
    const keys = (Object.keys(delta) as (keyof BookingTallies)[]).filter((k) => delta[k] > 0);
    if (keys.length === 0) return;
    await this.database.db
      .insert(counters)
      .values(keys.map((k) => ({ name: NAMES[k], value: delta[k] })))
      .onConflictDoUpdate({
        target: counters.name,
        set: { value: sql`${counters.value} + excluded.value`, updatedAt: sql`now()` },
      });
    for (const k of keys) this.flushed[k] += delta[k];
  }
}
