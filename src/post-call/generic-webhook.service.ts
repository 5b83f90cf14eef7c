// Generic events go straight to the event log: nothing else acts on them, so they are
// "processed" the moment they are durable. A redelivery is recognised by its `webhook-id` or
// `Idempotency-Key` header; without one, every delivery is its own event. A key reused with a
// different body is 409 `idempotency_key_reused` (as trigger-call answers), not a silent drop.
import { Injectable } from '@nestjs/common';
import { ApiException } from '../common/errors/api.exception';
import { dedupKeyFor } from '../events/delivery-identity';
import { EventLogService } from '../events/event-log.service';
import { EventQueriesRepository } from '../events/event-queries.repository';
import type { GenericEventDto, GenericEventResponseDto } from './dto/generic-event.dto';

@Injectable()
export class GenericWebhookService {
  constructor(
    private readonly events: EventLogService,
    private readonly queries: EventQueriesRepository,
  ) {}

  async record(
    body: GenericEventDto,
    requestId: string,
    identity?: string,
  ): Promise<GenericEventResponseDto> {
    const payload = { ...body };
    const event = await this.events.record({
      source: 'generic',
      type: body.event_type,
      dedupKey: dedupKeyFor('generic', identity),
      payload,
      requestId,
      subject: body.user_id,
      status: 'processed',
      processingMs: 0,
    });
    if (event.duplicate && !(await this.queries.payloadEquals(event.id, payload)))
      throw ApiException.conflict(
        'This Idempotency-Key was used with a different request body',
        'idempotency_key_reused',
      );
    return {
      status: 'success',
      message: `Payload of type '${body.event_type}' processed successfully`,
      request_id: requestId,
      data: {
        processed: true,
        event_type: body.event_type,
        event_id: event.id,
        duplicate: event.duplicate,
      },
    };
  }
}
