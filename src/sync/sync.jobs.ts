// The sync queue: verifying a change against its source and storing the record run here.
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { syncConfig } from '../config/namespaces';
import { EventLogService } from '../events/event-log.service';
import { JobQueue } from '../jobs/job-queue.service';
import { SyncProcessor } from './sync.processor';
import { SYNC_QUEUE } from './sync.service';

@Injectable()
export class SyncJobs implements OnModuleInit {
  constructor(
    private readonly events: EventLogService,
    private readonly jobs: JobQueue,
    private readonly processor: SyncProcessor,
    @Inject(syncConfig.KEY) private readonly config: ConfigType<typeof syncConfig>,
  ) {}

  async onModuleInit(): Promise<void> {
    this.events.registerQueue('supabase', SYNC_QUEUE);
    this.events.registerQueue('notion', SYNC_QUEUE);
    await this.jobs.registerBatch<{ eventId: string }>(
      {
        name: SYNC_QUEUE,
        retryLimit: this.config.maxAttempts - 1,
        retryDelaySeconds: this.config.retryDelaySeconds,
        expireInSeconds: this.config.jobTimeoutSeconds,
        batchSize: 50,
      },
      (jobs) => this.events.processBatch(jobs, (event) => this.processor.handle(event)),
    );
  }
}
