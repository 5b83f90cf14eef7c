// Intake of booking messages: append to the thread and record the event in one transaction
// (with its workflow job, in workflow mode), then acknowledge.
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { ApiException } from '../common/errors/api.exception';
import { bookingConfig } from '../config/namespaces';
import { EventLog } from '../events/event-log.service';
import { BookingWorkflowClient } from '../integrations/workflow/booking-workflow.client';
import { JobQueue } from '../jobs/job-queue.service';
import { MetricsService, type RouteTally } from '../metrics/metrics.service';
import { toInboundMessage } from './booking-message';
import { BookingThreads } from './booking-threads.repository';
import { BOOKING_QUEUE, BookingProcessor, REPLY_QUEUE } from './booking.processor';
import type { BookingMetricsDto, BookingReceivedDto, ThreadDto } from './dto/booking-message.dto';

@Injectable()
export class BookingService implements OnModuleInit {
  /** The replaced service's counters of its webhook (this replica, since start). */
  private readonly counters: RouteTally;

  constructor(
    private readonly events: EventLog,
    private readonly jobs: JobQueue,
    private readonly threads: BookingThreads,
    private readonly processor: BookingProcessor,
    private readonly workflow: BookingWorkflowClient,
    private readonly metricsService: MetricsService,
    @Inject(bookingConfig.KEY) private readonly config: ConfigType<typeof bookingConfig>,
  ) {
    this.counters = metricsService.tally('POST', '/booking/webhook');
  }

  async onModuleInit(): Promise<void> {
    this.events.registerQueue('booking', BOOKING_QUEUE);
    const retries = {
      retryLimit: this.config.maxAttempts - 1,
      retryDelaySeconds: this.config.retryDelaySeconds,
    };
    await this.jobs.register<{ eventId: string }>(
      { name: BOOKING_QUEUE, ...retries, expireInSeconds: 120, batchSize: 10 },
      (job) =>
        this.events.process(job, (event) => this.processor.process(event, job.isFinalAttempt)),
    );
    await this.jobs.register<{ messageId: number }>(
      { name: REPLY_QUEUE, ...retries, expireInSeconds: 60 },
      (job) => this.processor.deliverReply(job.data.messageId, job.isFinalAttempt),
    );
  }

  async receive(body: unknown, requestId: string): Promise<BookingReceivedDto> {
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw ApiException.badRequest(
        'invalid_body',
        'Invalid request body',
        'The body must be a JSON object',
      );
    }
    const message = await toInboundMessage(body as Record<string, unknown>);
    const workflow = this.workflow.configured;
    const event = await this.events.record({
      source: 'booking',
      type: 'message',
      // GoHighLevel redelivers with the same message id; the seed body has no id, so each is new.
      dedupKey: message.providerMessageId
        ? `ghl:${message.providerMessageId}`
        : `booking:${randomUUID()}`,
      payload: message,
      requestId,
      // Message ids must follow arrival order: the workflow gets a thread's messages by id.
      ordered: true,
      ...(workflow
        ? { queue: BOOKING_QUEUE }
        : { status: 'processed' as const, processingMs: 0, outcome: { mode: 'api-only' } }),
      onInsert: (tx, eventId) =>
        this.threads.appendInbound(tx, message, eventId, workflow ? 'pending' : 'stored'),
    });
    return {
      status: 'received',
      thread_id: message.threadId,
      mode: workflow ? 'workflow' : 'api-only',
      request_id: requestId,
      timestamp: new Date().toISOString(),
      duplicate: event.duplicate,
    };
  }

  async metrics(): Promise<BookingMetricsDto> {
    return {
      requests: this.counters.requests,
      errors: this.counters.errors,
      rate_limited: this.counters.rateLimited,
      active_threads: await this.threads.activeThreads(),
      uptime_seconds: Math.round(process.uptime()),
      timestamp: new Date().toISOString(),
    };
  }

  async thread(threadId: string): Promise<ThreadDto> {
    const thread = await this.threads.thread(threadId);
    if (!thread)
      throw ApiException.notFound(
        `No booking thread ${threadId.slice(0, 128)}`,
        'thread_not_found',
      );
    const messages = await this.threads.messages(threadId);
    return {
      thread_id: thread.threadId,
      phone: thread.phone,
      contact_id: thread.contactId,
      last_message_at: thread.lastMessageAt.toISOString(),
      messages: messages.map((m) => ({
        id: m.id,
        direction: m.direction,
        message: m.body,
        status: m.status,
        created_at: m.createdAt.toISOString(),
      })),
    };
  }
}
