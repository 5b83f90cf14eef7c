// Intake of booking messages: append to the thread and record the event in one transaction
// (with its workflow job, in workflow mode), then acknowledge.
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { ApiException } from '../common/errors/api.exception';
import { EventLogService } from '../events/event-log.service';
import { BookingWorkflowClient } from '../integrations/workflow/booking-workflow.client';
import { bookingConfig } from '../config/namespaces';
import { BookingCountersService } from './booking-counters.service';
import { toInboundMessage } from './booking-message';
import { BookingThreadsRepository } from './booking-threads.repository';
import { BOOKING_QUEUE } from './booking.processor';
import type { BookingMetricsDto, BookingReceivedDto, ThreadDto } from './dto/booking-message.dto';
import { requireJsonObject } from '../common/json/json-object';

@Injectable()
export class BookingService {
  constructor(
    private readonly events: EventLogService,
    private readonly threads: BookingThreadsRepository,
    private readonly workflow: BookingWorkflowClient,
    private readonly counters: BookingCountersService,
    @Inject(bookingConfig.KEY) private readonly config: ConfigType<typeof bookingConfig>,
  ) {}

  async receive(body: unknown, requestId: string): Promise<BookingReceivedDto> {
    const message = await toInboundMessage(requireJsonObject(body), this.config.defaultCountry);
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
      subject: message.threadId,
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

  /** The replaced service's figures, from the database: the same on every replica, kept across restarts. */
  async metrics(): Promise<BookingMetricsDto> {
    const [totals, handoffErrors, activeThreads] = await Promise.all([
      this.counters.totals(),
      this.threads.handoffErrors(),
      this.threads.activeThreads(),
    ]);
    return {
      requests: totals.requests,
      errors: totals.errors + handoffErrors,
      rate_limited: totals.rateLimited,
      active_threads: activeThreads,
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
        note: m.note,
        created_at: m.createdAt.toISOString(),
      })),
    };
  }
}
