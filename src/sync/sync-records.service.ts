// Reads of synced records for the API: from this replica's cache, else the database (then cached).
import { Injectable } from '@nestjs/common';
import { ApiException } from '../common/errors/api.exception';
import type { SyncRecordDto } from './dto/sync-admin.dto';
import { RecordCache } from './record-cache';
import { SyncRecordsRepository } from './sync-records.repository';

type RecordView = Omit<SyncRecordDto, 'cached'>;

@Injectable()
export class SyncRecordsService {
  constructor(
    private readonly records: SyncRecordsRepository,
    private readonly cache: RecordCache<RecordView>,
  ) {}

  async get(source: string, table: string, recordId: string): Promise<SyncRecordDto> {
    const key = RecordCache.key(source, table, recordId);
    const hit = this.cache.get(key);
    if (hit) return { ...hit, cached: true };
    const row = await this.records.get(source, table, recordId);
    if (!row)
      throw ApiException.notFound(
        `No synced record ${source}/${table}/${recordId}`.slice(0, 300),
        'record_not_found',
      );
    const view: RecordView = {
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
