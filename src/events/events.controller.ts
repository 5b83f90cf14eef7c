import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { BearerAuth } from '../common/auth/auth.decorators';
import { ApiException } from '../common/errors/api.exception';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { RequestId } from '../common/http/request-id';
import { requireJsonObject } from '../common/json/json-object';
import { validatePayload } from '../common/validation/validate-payload';
import {
  ActivityQueryDto,
  ActivityResponseDto,
  BulkReplayDto,
  BulkReplayResponseDto,
  EventDetailResponseDto,
  EventListQueryDto,
  EventListResponseDto,
  ReplayOneDto,
  ReplayResponseDto,
} from './dto/events.dto';
import { EventLogService } from './event-log.service';
import { EventQueriesRepository } from './event-queries.repository';
import { EventReplayService } from './event-replay.service';
import { toEventDetail, toEventSummary } from './event-view';

const eventId = () =>
  new ParseUUIDPipe({
    exceptionFactory: () => ApiException.notFound('No event with that id', 'event_not_found'),
  });

@ApiTags('Events')
@Controller('api/v1/webhooks/events')
export class EventsController {
  constructor(
    private readonly queries: EventQueriesRepository,
    private readonly replays: EventReplayService,
    private readonly log: EventLogService,
  ) {}

  @ApiOperation({
    summary: 'The event log of all sources, newest first, filtered, with cursor pagination',
  })
  @ApiOkResponse({ type: EventListResponseDto })
  @Get()
  @BearerAuth()
  async list(@Query() query: EventListQueryDto): Promise<EventListResponseDto> {
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

  @ApiOperation({ summary: 'Events per hour by their current status, for charts' })
  @ApiOkResponse({ type: ActivityResponseDto })
  @Get('activity')
  @BearerAuth()
  async activity(@Query() query: ActivityQueryDto): Promise<ActivityResponseDto> {
    const sources = query.sources?.split(',').filter(Boolean);
    return {
      status: 'success',
      data: await this.queries.activity(query.hours ?? 24, new Date(), sources),
    };
  }

  @ApiOperation({
    summary: 'One event: payload, received headers (redacted), every attempt, outcome',
  })
  @ApiOkResponse({ type: EventDetailResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @Get(':id')
  @BearerAuth()
  async get(@Param('id', eventId()) id: string): Promise<EventDetailResponseDto> {
    const row = await this.queries.get(id);
    if (!row) throw ApiException.notFound('No event with that id', 'event_not_found');
    return {
      status: 'success',
      data: toEventDetail(row, this.log.queueFor(row.source) !== undefined),
    };
  }

  @ApiOperation({
    summary: 'Bulk replay: queues the failed or dead events matching the filters again',
    description:
      'At most `limit` (default 100, max 500) per request, oldest first; `more` says whether to ask again. Each event is claimed once, so repeating the request (on any replica) never queues an event twice.',
  })
  @ApiAcceptedResponse({ type: BulkReplayResponseDto })
  @Post('replay')
  @HttpCode(HttpStatus.ACCEPTED)
  @BearerAuth()
  async replayMany(
    @Body() body: BulkReplayDto,
    @RequestId() requestId: string,
  ): Promise<BulkReplayResponseDto> {
    const { limit, reason, ...filters } = body;
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
    );
    return {
      status: 'accepted',
      queued: result.queued,
      event_ids: result.eventIds,
      more: result.more,
    };
  }

  @ApiOperation({
    summary: 'Processes one event again: failed, dead-lettered or (with a reason) processed',
  })
  @ApiBody({ type: ReplayOneDto, required: false })
  @ApiAcceptedResponse({ type: ReplayResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'The event is already queued, or its source has no processing',
  })
  @Post(':id/replay')
  @HttpCode(HttpStatus.ACCEPTED)
  @BearerAuth()
  async replay(
    @Param('id', eventId()) id: string,
    @Req() req: Request,
    @RequestId() requestId: string,
  ): Promise<ReplayResponseDto> {
    // The body is optional (the replaced service took none): validated only when sent.
    const raw: unknown = req.body;
    const body =
      raw === undefined ? {} : await validatePayload(ReplayOneDto, requireJsonObject(raw), true);
    const result = await this.replays.replayOne(id, body.reason ?? 'operator replay', requestId);
    if (result === 'not_found')
      throw ApiException.notFound('No event with that id', 'event_not_found');
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
