// Generic events go straight to the event log: nothing else acts on them, so they are
// "processed" the moment they are durable. A redelivery is recognised by its `webhook-id` or
// `Idempotency-Key` header; without one, every delivery is its own event.
import { Injectable } from '@nestjs/common';
import { dedupKeyFor } from '../events/delivery-identity';
import { EventLogService } from '../events/event-log.service';
import type { GenericEventDto, GenericEventResponseDto } from './dto/generic-event.dto';

@Injectable()
export class GenericWebhookService {
  constructor(private readonly events: EventLogService) {}

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
