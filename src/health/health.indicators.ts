// The checks behind /health and /health/ready. Each readiness check is bounded in time (below
// the 3 s probe timeout of deploy/k8s), so a hung dependency reports "down" instead of hanging
// the probe; an unreachable PostgreSQL answers at once (postgres-pool.ts).
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import {
  DiskHealthIndicator,
  HealthIndicatorService,
  type HealthIndicatorFunction,
} from '@nestjs/terminus';
import type Redis from 'ioredis';
import { REDIS } from '../common/redis/redis.module';
import { StorageMonitor } from '../common/storage/storage-monitor';
import { appConfig } from '../config/namespaces';
import { APP_VERSION } from '../config/version';
import { DatabaseService } from '../database/database.service';
import { JobQueue } from '../jobs/job-queue.service';

const CHECK_TIMEOUT_MS = 2000;
/** Ready while less than this share of the DATA_DIR disk is used. */
const DISK_THRESHOLD = 0.95;

function withTimeout<T>(work: Promise<T>, ms = CHECK_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

@Injectable()
export class HealthIndicators {
  constructor(
    private readonly indicator: HealthIndicatorService,
    private readonly disk: DiskHealthIndicator,
    private readonly database: DatabaseService,
    private readonly jobs: JobQueue,
    @Inject(REDIS) private readonly redis: Redis | null,
    private readonly storage: StorageMonitor,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  app() {
    return this.indicator
      .check('app')
      .up({ version: APP_VERSION, uptime_seconds: Math.round(process.uptime()) });
  }

  readiness(): HealthIndicatorFunction[] {
    const checks: HealthIndicatorFunction[] = [
      () => this.probe('database', () => this.database.ping(), { driver: this.database.driver }),
      () => this.probe('jobs', () => this.jobs.ping()),
      () =>
        this.disk.checkStorage('disk', {
          path: this.config.dataDir,
          thresholdPercent: DISK_THRESHOLD,
        }),
    ];
    if (this.storage.watched) checks.push(() => this.storageStatus());
    if (this.redis) checks.push(() => this.redisStatus(this.redis as Redis));
    return checks;
  }

  /**
   * Redis holds throttle counters only, and each limit has a defined behaviour without it
   * (resilient-throttler-storage.ts). So an unreachable Redis is reported, not failed on: a
   * readiness 503 on every replica at once would refuse every webhook over a counter store.
   */
  private async redisStatus(redis: Redis) {
    const session = this.indicator.check('redis');
    try {
      await withTimeout(redis.ping());
      return session.up({ reachable: true });
    } catch (error) {
      return session.up({
        reachable: false,
        message: error instanceof Error ? error.message : String(error),
        effect: 'throttles fail open; the booking per-sender limit counts per replica',
      });
    }
  }

  /** The embedded database's disk: full or read-only means writes are refused (StorageMonitor). */
  private storageStatus() {
    const session = this.indicator.check('storage');
    // No server path in an answer (docs/api.md): free space and the margin say enough.
    const { status, path: _path, ...state } = this.storage.state;
    return status === 'ok' ? session.up(state) : session.down({ ...state, condition: status });
  }

  private async probe(key: string, check: () => Promise<void>, info: Record<string, unknown> = {}) {
    const session = this.indicator.check(key);
    try {
      await withTimeout(check());
      return session.up(info);
    } catch (error) {
      return session.down({
        ...info,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
