import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BearerAuth } from '../common/auth/auth.decorators';
import { ApiException } from '../common/errors/api.exception';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { SyncRecordDto } from './dto/sync-admin.dto';
import { RecordCache } from './record-cache';
import { SyncRecordsRepository } from './sync-records.repository';

@ApiTags('Sync')
@Controller('api/v1/records')
export class RecordsController {
  constructor(
    private readonly records: SyncRecordsRepository,
    private readonly cache: RecordCache<Omit<SyncRecordDto, 'cached'>>,
  ) {}

  @ApiOperation({ summary: 'The synced copy of a record (cached; invalidated by its events)' })
  @ApiOkResponse({ type: SyncRecordDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @Get(':source/:table/:record_id')
  @BearerAuth()
  async get(
    @Param('source') source: string,
    @Param('table') table: string,
    @Param('record_id') recordId: string,
  ): Promise<SyncRecordDto> {
    const key = RecordCache.key(source, table, recordId);
    const hit = this.cache.get(key);
    if (hit) return { ...hit, cached: true };
    const row = await this.records.get(source, table, recordId);
    if (!row)
      throw ApiException.notFound(
        `No synced record ${source}/${table}/${recordId}`.slice(0, 300),
        'record_not_found',
      );
    const view = {
      source: row.source,
      table: row.tableName,
      record_id: row.recordId,
      data: row.data ?? null,
      deleted: row.deleted,
      verified: row.verified,
      source_updated_at: row.sourceUpdatedAt?.toISOString() ?? null,
      updated_at: row.updatedAt.toISOString(),
    };
    this.cache.set(key, view);
    return { ...view, cached: false };
  }
}
