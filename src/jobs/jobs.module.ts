import { Global, Module } from '@nestjs/common';
import { DatabaseService } from '../database/database.service';
import { MetricsService } from '../metrics/metrics.service';
import { JobQueue } from './job-queue.service';

@Global()
@Module({
  providers: [
    {
      provide: JobQueue,
      inject: [DatabaseService, MetricsService],
      useFactory: (database: DatabaseService, metrics: MetricsService) =>
        JobQueue.start(database, metrics),
    },
  ],
  exports: [JobQueue],
})
export class JobsModule {}
