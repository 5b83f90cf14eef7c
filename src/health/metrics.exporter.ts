// Renders the Prometheus exposition, refreshing the gauges that are read at scrape time.
import { Injectable } from '@nestjs/common';
import { EventQueue } from '../events/event-queue.service';
import { JobQueue } from '../jobs/job-queue.service';
import { MetricsService } from '../metrics/metrics.service';

@Injectable()
export class MetricsExporter {
  constructor(
    private readonly metrics: MetricsService,
    private readonly jobs: JobQueue,
    private readonly eventQueue: EventQueue,
  ) {}

  async render(): Promise<string> {
    const sizes = {
      ...(await this.jobs.queueSizes().catch(() => ({}))),
      ...(await this.eventQueue.sizes().catch(() => ({}))),
    };
    for (const [queue, size] of Object.entries(sizes)) this.metrics.queueDepth.set({ queue }, size);
    return this.metrics.registry.metrics();
  }
}
