import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BearerAuth } from '../common/auth/auth.decorators';
import { ConsoleListsRepository } from './console-lists.repository';
import {
  CallListQueryDto,
  CallListResponseDto,
  CampaignListResponseDto,
  ListQueryDto,
  RecordListQueryDto,
  RecordListResponseDto,
  ThreadListResponseDto,
} from './dto/console-lists.dto';

@Controller()
export class ConsoleListsController {
  constructor(private readonly lists: ConsoleListsRepository) {}

  @ApiTags('Calls')
  @ApiOperation({ operationId: 'listCalls', summary: 'Calls, newest first (for the console)' })
  @ApiOkResponse({ type: CallListResponseDto })
  @Get('calls')
  @BearerAuth('calls')
  async calls(@Query() q: CallListQueryDto): Promise<CallListResponseDto> {
    return {
      status: 'success',
      data: await this.lists.calls(q.limit ?? 100, q.status, q.campaign_id),
    };
  }

  @ApiTags('Campaigns')
  @ApiOperation({
    operationId: 'listCampaigns',
    summary: 'Built campaign packages, newest first (for the console)',
  })
  @ApiOkResponse({ type: CampaignListResponseDto })
  @Get('campaigns')
  @BearerAuth('campaigns')
  async campaigns(@Query() q: ListQueryDto): Promise<CampaignListResponseDto> {
    return { status: 'success', data: await this.lists.campaigns(q.limit ?? 100) };
  }

  @ApiTags('Booking')
  @ApiOperation({
    operationId: 'listBookingThreads',
    summary: 'Booking threads, most recent message first (for the console)',
  })
  @ApiOkResponse({ type: ThreadListResponseDto })
  @Get('booking/threads')
  @BearerAuth('booking:read')
  async threads(@Query() q: ListQueryDto): Promise<ThreadListResponseDto> {
    return { status: 'success', data: await this.lists.threads(q.limit ?? 100) };
  }

  @ApiTags('Sync')
  @ApiOperation({
    operationId: 'listSyncedRecords',
    summary: 'Synced records, most recently changed first (for the console)',
  })
  @ApiOkResponse({ type: RecordListResponseDto })
  @Get('api/v1/records')
  @BearerAuth('sync:admin')
  async records(@Query() q: RecordListQueryDto): Promise<RecordListResponseDto> {
    return {
      status: 'success',
      data: await this.lists.records(q.limit ?? 100, q.source, q.table, q.record_id),
    };
  }
}
