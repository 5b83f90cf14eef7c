// The post-call queue: result mapping and the mirror run here, after the acknowledgement.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventLogService } from '../events/event-log.service';
import { JobQueue } from '../jobs/job-queue.service';
import { PostCallProcessor } from './post-call.processor';
import { POST_CALL_QUEUE } from './post-call.service';

@Injectable()
export class PostCallJobs implements OnModuleInit {
  constructor(
    private readonly events: EventLogService,
    private readonly jobs: JobQueue,
    private readonly processor: PostCallProcessor,
  ) {}

  async onModuleInit(): Promise<void> {
    this.events.registerQueue('elevenlabs', POST_CALL_QUEUE);
    await this.jobs.registerBatch<{ eventId: string }>(
      {
        name: POST_CALL_QUEUE,
        // Mapping touches only this database: failures are rare and short-lived.
        retryLimit: 4,
        retryDelaySeconds: 2,
        expireInSeconds: 120,
        batchSize: 50,
      },
      (jobs) => this.events.processBatch(jobs, (event) => this.processor.handle(event)),
    );
  }
}
