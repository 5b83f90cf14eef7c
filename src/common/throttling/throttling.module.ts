import { Global, Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type Redis from 'ioredis';
import { throttleConfig } from '../../config/namespaces';
import { REDIS } from '../redis/redis.module';
import { ThrottleEvents } from './throttle-events';
import type { ThrottleLimits } from './throttle-limits';

@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [throttleConfig.KEY, REDIS, ThrottleEvents],
      useFactory: (
        config: ConfigType<typeof throttleConfig>,
        redis: Redis | null,
        events: ThrottleEvents,
      ): ThrottleLimits => ({
        throttlers: [
          { name: 'default', limit: config.limit, ttl: config.ttlMs },
          { name: 'sender', limit: config.bookingLimit, ttl: 60_000 },
        ],
        webhookLimit: config.webhookLimit,
        bookingLimit: config.bookingLimit,
        onThrottled: (req) => events.emit(req),
        ...(redis ? { storage: new ThrottlerStorageRedisService(redis) } : {}),
      }),
    }),
  ],
  providers: [ThrottleEvents],
  exports: [ThrottlerModule, ThrottleEvents],
})
export class ThrottlingModule {}
