// The post-call queue: result mapping and the mirror run here, after the acknowledgement,
// straight from the events table (event-queue.service.ts).
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventQueue } from '../events/event-queue.service';
import { PostCallProcessor } from './post-call.processor';
import { POST_CALL_QUEUE } from './post-call.service';

@Injectable()
export class PostCallJobs implements OnModuleInit {
  constructor(
    private readonly queue: EventQueue,
    private readonly processor: PostCallProcessor,
  ) {}

  onModuleInit(): void {
    this.queue.register(
      {
        name: POST_CALL_QUEUE,
        sources: ['elevenlabs'],
        // Mapping touches only this database: failures are rare and short-lived.
        retryLimit: 4,
        retryDelaySeconds: 2,
        maxRunSeconds: 120,
      },
      (event) => this.processor.handle(event),
    );
  }
}
