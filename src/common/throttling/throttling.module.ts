import { Global, Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type Redis from 'ioredis';
import { throttleConfig } from '../../config/namespaces';
import { REDIS } from '../redis/redis.module';
import { ResilientThrottlerStorage } from '../redis/resilient-throttler-storage';
import { AuthFailureLimiter } from './auth-failure-limiter';
import type { ThrottleLimits } from './throttle-limits';

@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [throttleConfig.KEY, REDIS],
      useFactory: (
        config: ConfigType<typeof throttleConfig>,
        redis: Redis | null,
      ): ThrottleLimits => ({
        throttlers: [
          { name: 'default', limit: config.limit, ttl: config.ttlMs },
          { name: 'sender', limit: config.bookingLimit, ttl: 60_000 },
        ],
        webhookLimit: config.webhookLimit,
        bookingLimit: config.bookingLimit,
        ...(redis
          ? { storage: new ResilientThrottlerStorage(new ThrottlerStorageRedisService(redis)) }
          : {}),
      }),
    }),
  ],
  providers: [AuthFailureLimiter],
  exports: [ThrottlerModule, AuthFailureLimiter],
})
export class ThrottlingModule {}
