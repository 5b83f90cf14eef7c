import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AlertsModule } from './alerts/alerts.module';
import { AuditModule } from './audit/audit.module';
import { AuthGuard } from './common/auth/auth.guard';
import { ClockModule } from './common/clock/clock.module';
import { ConsoleModule } from './console/console.module';
import { ConsoleAuthModule } from './console-auth/console-auth.module';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { LoggingModule } from './common/logging/app-logger';
import { RedisModule } from './common/redis/redis.module';
import { StorageGuard } from './common/storage/storage.guard';
import { StorageModule } from './common/storage/storage.module';
import { AppThrottlerGuard } from './common/throttling/app-throttler.guard';
import { ThrottlingModule } from './common/throttling/throttling.module';
import { AppValidationPipe } from './common/validation/validation';
import { AppConfigModule } from './config/app-config.module';
import type { EnvironmentVariables } from './config/env.schema';
import { DatabaseModule } from './database/database.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { MetricsModule } from './metrics/metrics.module';
import { BookingModule } from './booking/booking.module';
import { CallsModule } from './calls/calls.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { PostCallModule } from './post-call/post-call.module';
import { PrivacyModule } from './privacy/privacy.module';
import { SyncModule } from './sync/sync.module';

@Module({
  imports: [
    LoggingModule,
    // First: Express matches a request against routes in the order modules register them, and
    // probes and scrapes (/health, /metrics) are the most frequent requests.
    HealthModule,
    ClockModule,
    MetricsModule,
    RedisModule,
    ThrottlingModule,
    DatabaseModule,
    AuditModule,
    StorageModule,
    JobsModule,
    EventsModule,
    CampaignsModule,
    CallsModule,
    PostCallModule,
    SyncModule,
    BookingModule,
    PrivacyModule,
    AlertsModule,
    // Before ConsoleModule: its catch-all /console/* route would otherwise take /console/auth/*.
    ConsoleAuthModule,
    ConsoleModule,
  ],
  providers: [
    // Order matters: authenticate first, so only authenticated requests spend a quota (failed
    // authentication is limited per IP on its own counter, inside AuthGuard); then throttle.
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: AppThrottlerGuard },
    // Authenticated writes only reach a handler while the embedded database's disk can take them.
    { provide: APP_GUARD, useExisting: StorageGuard },
    { provide: APP_PIPE, useClass: AppValidationPipe },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
  ],
})
export class AppModule {
  /** The app on one validated environment: main.ts validates the process environment once, tests pass their own. */
  static forRoot(env: EnvironmentVariables): DynamicModule {
    return { module: AppModule, imports: [AppConfigModule.forRoot(env)] };
  }
}
