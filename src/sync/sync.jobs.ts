// The sync queue: verifying a change against its source and storing the record run here,
// straight from the events table (event-queue.service.ts).
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { syncConfig } from '../config/namespaces';
import { EventQueue } from '../events/event-queue.service';
import { SyncProcessor } from './sync.processor';
import { SYNC_QUEUE } from './sync.service';

@Injectable()
export class SyncJobs implements OnModuleInit {
  constructor(
    private readonly queue: EventQueue,
    private readonly processor: SyncProcessor,
    @Inject(syncConfig.KEY) private readonly config: ConfigType<typeof syncConfig>,
  ) {}

  onModuleInit(): void {
    this.queue.register(
      {
        name: SYNC_QUEUE,
        sources: ['supabase', 'notion'],
        retryLimit: this.config.maxAttempts - 1,
        retryDelaySeconds: this.config.retryDelaySeconds,
        maxRunSeconds: this.config.jobTimeoutSeconds,
      },
      (event) => this.processor.handle(event),
    );
  }
}
