import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BearerAuth } from '../common/auth/auth.decorators';
import { EventStatsService } from '../events/event-stats.service';
import { StatsDto, TestRunResponseDto } from './dto/sync-admin.dto';
import { SyncEnvelopeDto } from './dto/sync-payloads.dto';
import { SyncService } from './sync.service';

const SYNC_SOURCES = ['supabase', 'notion'];

@ApiTags('Sync')
@Controller('api/v1/webhooks')
export class SyncAdminController {
  constructor(
    private readonly sync: SyncService,
    private readonly stats: EventStatsService,
  ) {}

  @ApiOperation({
    operationId: 'getSyncStats',
    summary: 'Sync statistics, computed from the database (every replica answers the same)',
  })
  @ApiOkResponse({ type: StatsDto })
  @Get('stats')
  @BearerAuth('sync:admin')
  getStats(): Promise<StatsDto> {
    return this.stats.stats(SYNC_SOURCES);
  }

  @ApiOperation({
    operationId: 'testSyncEvent',
    summary: 'Dry run of one envelope: validates it and says what processing would do',
    description:
      'Checks the payload as the old sync service did (same `status`, `message`, `parsed_payload`, `would_be_processed`) and also asks the source when it is configured. Nothing is recorded, mirrored or counted in the stats.',
  })
  @ApiOkResponse({ type: TestRunResponseDto })
  @Post('test')
  @HttpCode(HttpStatus.OK)
  @BearerAuth('sync:admin')
  test(@Body() body: SyncEnvelopeDto): Promise<TestRunResponseDto> {
    return this.sync.testRun(body);
  }
}
