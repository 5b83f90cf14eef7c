// Generic events go straight to the event log: nothing else acts on them, so they are
// "processed" the moment they are durable. A redelivered identical body is recognised.
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EventLog } from '../events/event-log.service';
import type { GenericEventDto, GenericEventResponseDto } from './dto/generic-event.dto';

@Injectable()
export class GenericWebhookService {
  constructor(private readonly events: EventLog) {}

  async record(body: GenericEventDto, requestId: string): Promise<GenericEventResponseDto> {
    const payload = { ...body };
    const digest = createHash('sha256').update(JSON.stringify(payload)).digest('hex');
    const event = await this.events.record({
      source: 'generic',
      type: body.event_type,
      dedupKey: `generic:${digest}`,
      payload,
      requestId,
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
