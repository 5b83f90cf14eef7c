import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BearerAuth } from '../common/auth/auth.decorators';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { SyncRecordDto } from './dto/sync-admin.dto';
import { SyncRecordsService } from './sync-records.service';

@ApiTags('Sync')
@Controller('api/v1/records')
export class RecordsController {
  constructor(private readonly records: SyncRecordsService) {}

  @ApiOperation({
    operationId: 'getSyncedRecord',
    summary: 'The synced copy of a record (cached; invalidated by its events)',
  })
  @ApiOkResponse({ type: SyncRecordDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @Get(':source/:table/:record_id')
  @BearerAuth('sync:admin')
  get(
    @Param('source') source: string,
    @Param('table') table: string,
    @Param('record_id') recordId: string,
  ): Promise<SyncRecordDto> {
    return this.records.get(source, table, recordId);
  }
}
