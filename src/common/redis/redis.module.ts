// One ioredis client when REDIS_URL is set (throttle counters, readiness), else null.
import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import Redis from 'ioredis';
import { throttleConfig } from '../../config/namespaces';

export const REDIS = Symbol('REDIS');

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [throttleConfig.KEY],
      useFactory: (config: ConfigType<typeof throttleConfig>): Redis | null => {
        if (!config.redisUrl) return null;
        const logger = new Logger('Redis');
        // Fail fast while Redis is away instead of queueing commands behind a request.
        const client = new Redis(config.redisUrl, {
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          lazyConnect: false,
        });
        client.on('error', (error: Error) => logger.warn(`Redis: ${error.message}`));
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
