import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BearerAuth } from '../common/auth/auth.decorators';
import { authConfig } from '../config/namespaces';
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
    @Inject(authConfig.KEY) private readonly auth: ConfigType<typeof authConfig>,
  ) {}

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
    summary: 'Dry run of one envelope: validates it and says what processing would do',
    description:
      'Checks the payload as the old sync service did (same `status`, `message`, `parsed_payload`, `would_be_processed`) and also asks the source when it is configured. Nothing is recorded, mirrored or counted in the stats.',
  })
  @ApiOkResponse({ type: TestRunResponseDto })
  @Post('test')
  @HttpCode(HttpStatus.OK)
  @BearerAuth()
  async test(@Body() body: SyncEnvelopeDto): Promise<TestRunResponseDto> {
    const result = await this.sync.testRun(body);
    return {
      status: result.error ? 'failed' : 'valid',
      message: result.error
        ? 'Webhook payload is valid, but processing would fail now'
        : 'Webhook payload is valid',
      dry_run: true,
      would_be_processed: true,
      parsed_payload: body,
      ...result,
    };
  }
}
