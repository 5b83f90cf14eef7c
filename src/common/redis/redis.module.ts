// One ioredis client when REDIS_URL is set (throttle counters, readiness), else null.
import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import Redis from 'ioredis';
import { redisConfig } from '../../config/namespaces';

export const REDIS = Symbol('REDIS');
export const REDIS_CONNECT_TIMEOUT_MS = 2000;
export const REDIS_COMMAND_TIMEOUT_MS = 500;

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [redisConfig.KEY],
      useFactory: (config: ConfigType<typeof redisConfig>): Redis | null => {
        if (!config.url) return null;
        const logger = new Logger('Redis');
        // Fail fast while Redis is away instead of queueing commands behind a request: no
        // offline queue, one retry, and a command that gets no answer (a silent network) fails
        // after REDIS_COMMAND_TIMEOUT_MS. The client reconnects on its own, with backoff.
        const client = new Redis(config.url, {
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          lazyConnect: false,
          connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
          commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
          retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
        });
        // Every error is handled (an unhandled 'error' event would end the process); one line
        // per outage, not one per reconnect attempt.
        let failing = false;
        client.on('error', (error: Error) => {
          if (!failing) logger.warn(`Redis: ${error.message}`);
          failing = true;
        });
        client.on('ready', () => {
          if (failing) logger.log('Redis: connected again');
          failing = false;
        });
        return client;
      },
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }
}
