// The operator's routes on the event log as API answers: pages, one event, activity, replay.
// The controller binds HTTP; the choices (what counts as replayable, which error) live here.
import { Injectable } from '@nestjs/common';
import { ApiException } from '../common/errors/api.exception';
import { requireJsonObject } from '../common/json/json-object';
import { validatePayload } from '../common/validation/validate-payload';
import {
  ReplayOneDto,
  type ActivityQueryDto,
  type ActivityResponseDto,
  type BulkReplayDto,
  type BulkReplayResponseDto,
  type EventDetailResponseDto,
  type EventListQueryDto,
  type EventListResponseDto,
  type ReplayResponseDto,
} from './dto/events.dto';
import { EventLogService } from './event-log.service';
import { EventQueriesRepository } from './event-queries.repository';
import { EventReplayService, type ReplayCursor } from './event-replay.service';
import { toEventDetail, toEventSummary } from './event-view';

export const eventNotFound = () =>
  ApiException.notFound('No event with that id', 'event_not_found');

@Injectable()
export class EventsService {
  constructor(
    private readonly queries: EventQueriesRepository,
    private readonly replays: EventReplayService,
    private readonly log: EventLogService,
  ) {}

  async list(query: EventListQueryDto): Promise<EventListResponseDto> {
    const { cursor, limit, include_payload: payload, ...filters } = query;
    const page = await this.queries.list(filters, limit ?? 50, cursor);
    const withPayload = payload === 'true' || payload === '1';
    return {
      status: 'success',
      data: {
        items: page.items.map((row) => toEventSummary(row, withPayload)),
        next_cursor: page.nextCursor,
      },
    };
  }

  async activity(query: ActivityQueryDto): Promise<ActivityResponseDto> {
    const sources = query.sources?.split(',').filter(Boolean);
    return {
      status: 'success',
      data: await this.queries.activity(query.hours ?? 24, new Date(), sources),
    };
  }

  async get(id: string): Promise<EventDetailResponseDto> {
    const row = await this.queries.get(id);
    if (!row) throw eventNotFound();
    return {
      status: 'success',
      data: toEventDetail(row, this.log.queueFor(row.source) !== undefined),
    };
  }

  async replayMany(body: BulkReplayDto, requestId: string): Promise<BulkReplayResponseDto> {
    const { limit, reason, cursor, ...filters } = body;
    if (filters.status && !['failed', 'dead'].includes(filters.status))
      throw ApiException.badRequest(
        'validation_failed',
        'Validation failed',
        'Bulk replay takes failed or dead events only; replay a processed event one by one',
        { fields: { status: ['must be failed or dead'] } },
      );
    const result = await this.replays.replayMany(
      filters,
      limit ?? 100,
      reason ?? 'bulk replay',
      requestId,
      cursor ? parseCursor(cursor) : undefined,
    );
    return {
      status: 'accepted',
      queued: result.queued,
      event_ids: result.eventIds,
      more: result.more,
      cursor: result.cursor ? `${result.cursor.after}-${result.cursor.until}` : null,
    };
  }

  /** `rawBody` is optional (the replaced service took none): validated only when sent. */
  async replayOne(id: string, rawBody: unknown, requestId: string): Promise<ReplayResponseDto> {
    const body =
      rawBody === undefined
        ? {}
        : await validatePayload(ReplayOneDto, requireJsonObject(rawBody), true);
    const result = await this.replays.replayOne(id, body.reason ?? 'operator replay', requestId);
    if (result === 'not_found') throw eventNotFound();
    if (result === 'no_queue')
      throw ApiException.conflict(
        'Events of this source are handled when received; there is no processing to run again',
        'not_replayable',
      );
    if (result === 'busy')
      throw ApiException.conflict(
        'The event is already queued or being processed',
        'not_replayable',
      );
    return {
      status: 'accepted',
      message: 'Event queued for processing again',
      event: toEventSummary(result),
    };
  }
}

/** `{after}-{until}` (validated by REPLAY_CURSOR) as numbers. */
function parseCursor(cursor: string): ReplayCursor {
  const [after, until] = cursor.split('-').map(Number);
  return { after, until };
}
