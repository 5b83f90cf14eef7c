import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import {
  ApiAcceptedResponse,
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
import { authConfig } from '../config/namespaces';
import { EventLog } from '../events/event-log.service';
import { EventStatsService } from '../events/event-stats.service';
import {
  EventListQueryDto,
  EventListResponseDto,
  NotionVerificationDto,
  ReplayResponseDto,
  StatsDto,
  TestRunResponseDto,
} from './dto/sync-admin.dto';
import { SyncEnvelopeDto } from './dto/sync-payloads.dto';
import { toEventSummary } from './event-view';
import { SyncService } from './sync.service';

const SYNC_SOURCES = ['supabase', 'notion'];

@ApiTags('Sync')
@Controller('api/v1/webhooks')
export class SyncAdminController {
  constructor(
    private readonly sync: SyncService,
    private readonly events: EventLog,
    private readonly stats: EventStatsService,
    @Inject(authConfig.KEY) private readonly auth: ConfigType<typeof authConfig>,
  ) {}

  @ApiOperation({
    summary: 'The last Notion verification handshake, for the operator to configure',
  })
  @ApiOkResponse({ type: NotionVerificationDto })
  @Get('notion/verification')
  @BearerAuth()
  async notionVerification(): Promise<NotionVerificationDto> {
    const handshake = await this.sync.notionHandshake();
    return {
      verification_token: handshake?.verification_token ?? null,
      received_at: handshake?.received_at ?? null,
      configured:
        handshake !== null && this.auth.notionTokens.includes(handshake.verification_token),
    };
  }

  @ApiOperation({
    summary: 'Sync statistics, computed from the database (every replica answers the same)',
  })
  @ApiOkResponse({ type: StatsDto })
  @Get('stats')
  @BearerAuth()
  getStats(): Promise<StatsDto> {
    return this.stats.stats(SYNC_SOURCES);
  }

  @ApiOperation({
    summary: 'Runs one envelope through validation and processing now, outside the stats',
  })
  @ApiOkResponse({ type: TestRunResponseDto })
  @Post('test')
  @HttpCode(HttpStatus.OK)
  @BearerAuth()
  async test(@Body() body: SyncEnvelopeDto, @Req() req: Request): Promise<TestRunResponseDto> {
    const result = await this.sync.testRun(body, req.id as string);
    return { status: result.error ? 'failed' : 'success', ...result };
  }

  @ApiOperation({ summary: 'The event log of all sources, newest first, with cursor pagination' })
  @ApiOkResponse({ type: EventListResponseDto })
  @Get('events')
  @BearerAuth()
  async list(@Query() query: EventListQueryDto): Promise<EventListResponseDto> {
    const page = await this.events.list({
      source: query.source,
      status: query.status,
      cursor: query.cursor,
      limit: query.limit ?? 50,
    });
    const withPayload = query.include_payload === 'true' || query.include_payload === '1';
    return {
      status: 'success',
      data: {
        items: page.items.map((row) => toEventSummary(row, withPayload)),
        next_cursor: page.nextCursor,
      },
    };
  }

  @ApiOperation({ summary: 'Processes a failed or dead-lettered event again' })
  @ApiAcceptedResponse({ type: ReplayResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'The event is not failed or dead, or its source has no processing',
  })
  @Post('events/:id/replay')
  @HttpCode(HttpStatus.ACCEPTED)
  @BearerAuth()
  async replay(
    @Param(
      'id',
      new ParseUUIDPipe({
        exceptionFactory: () => ApiException.notFound('No event with that id', 'event_not_found'),
      }),
    )
    id: string,
  ): Promise<ReplayResponseDto> {
    const result = await this.events.replay(id);
    if (result === 'not_found')
      throw ApiException.notFound('No event with that id', 'event_not_found');
    if (result === 'not_replayable')
      throw ApiException.conflict(
        'Only failed or dead-lettered events of a processed source can be replayed',
        'not_replayable',
      );
    return {
      status: 'accepted',
      message: 'Event queued for processing again',
      event: toEventSummary(result),
    };
  }
}
