// The booking queues: a message to the workflow (in thread order) and a reply to GoHighLevel.
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { bookingConfig } from '../config/namespaces';
import { EventLogService } from '../events/event-log.service';
import { JobQueue } from '../jobs/job-queue.service';
import { BOOKING_QUEUE, BookingProcessor, REPLY_QUEUE } from './booking.processor';

@Injectable()
export class BookingJobs implements OnModuleInit {
  constructor(
    private readonly events: EventLogService,
    private readonly jobs: JobQueue,
    private readonly processor: BookingProcessor,
    @Inject(bookingConfig.KEY) private readonly config: ConfigType<typeof bookingConfig>,
  ) {}

  async onModuleInit(): Promise<void> {
    this.events.registerQueue('booking', BOOKING_QUEUE);
    const retries = {
      retryLimit: this.config.maxAttempts - 1,
      retryDelaySeconds: this.config.retryDelaySeconds,
    };
    await this.jobs.register<{ eventId: string }>(
      { name: BOOKING_QUEUE, ...retries, expireInSeconds: 120, batchSize: 10 },
      (job) =>
        this.events.process(job, (event) => this.processor.handle(event, job.isFinalAttempt)),
    );
    await this.jobs.register<{ messageId: number }>(
      { name: REPLY_QUEUE, ...retries, expireInSeconds: 60 },
      (job) => this.processor.deliverReply(job.data.messageId, job.isFinalAttempt),
    );
  }
}
