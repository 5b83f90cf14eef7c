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
import { Audited } from '../audit/audited';
import { BearerAuth } from '../common/auth/auth.decorators';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { RequestId } from '../common/http/request-id';
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
import { EventsService, eventNotFound } from './events.service';

const eventId = () => new ParseUUIDPipe({ exceptionFactory: eventNotFound });

@ApiTags('Events')
@Controller('api/v1/webhooks/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @ApiOperation({
    operationId: 'listEvents',
    summary: 'The event log of all sources, newest first, filtered, with cursor pagination',
  })
  @ApiOkResponse({ type: EventListResponseDto })
  @Get()
  @BearerAuth('events:read')
  list(@Query() query: EventListQueryDto): Promise<EventListResponseDto> {
    return this.events.list(query);
  }

  @ApiOperation({
    operationId: 'getEventActivity',
    summary: 'Events per hour by their current status, for charts',
  })
  @ApiOkResponse({ type: ActivityResponseDto })
  @Get('activity')
  @BearerAuth('events:read')
  activity(@Query() query: ActivityQueryDto): Promise<ActivityResponseDto> {
    return this.events.activity(query);
  }

  @ApiOperation({
    operationId: 'getEvent',
    summary: 'One event: payload, received headers (redacted), every attempt, outcome',
  })
  @ApiOkResponse({ type: EventDetailResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @Get(':id')
  @BearerAuth('events:read')
  get(@Param('id', eventId()) id: string): Promise<EventDetailResponseDto> {
    return this.events.get(id);
  }

  @ApiOperation({
    operationId: 'replayEvents',
    summary: 'Bulk replay: queues the failed or dead events matching the filters again',
    description:
      'At most `limit` (default 100, max 500) per request, oldest first; `more` says whether to ask again. Each event is claimed once, so repeating the request (on any replica) never queues an event twice.',
  })
  @ApiAcceptedResponse({ type: BulkReplayResponseDto })
  @Post('replay')
  @HttpCode(HttpStatus.ACCEPTED)
  @BearerAuth('events:replay')
  @Audited({
    action: 'bulk_replay',
    details: (req, body) => ({
      filter: req.body as Record<string, unknown>,
      count: (body as BulkReplayResponseDto).queued,
    }),
  })
  replayMany(
    @Body() body: BulkReplayDto,
    @RequestId() requestId: string,
  ): Promise<BulkReplayResponseDto> {
    return this.events.replayMany(body, requestId);
  }

  @ApiOperation({
    operationId: 'replayEvent',
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
  @BearerAuth('events:replay')
  @Audited({
    action: 'replay',
    target: (req) => ({ kind: 'event', id: String(req.params.id), personal: false }),
  })
  replay(
    @Param('id', eventId()) id: string,
    @Req() req: Request,
    @RequestId() requestId: string,
  ): Promise<ReplayResponseDto> {
    // The body is optional, so it is read raw here and validated by the service when sent.
    return this.events.replayOne(id, req.body, requestId);
  }
}
