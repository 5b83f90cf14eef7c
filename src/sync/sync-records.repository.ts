// The local copy of source records. An upsert only lands when it is not older than what is
// stored (a delete wins a tie), so events arriving out of order leave the newest state.
import { Injectable } from '@nestjs/common';
import { and, eq, sql } from 'drizzle-orm';
import { DatabaseService } from '../database/database.service';
import { syncRecords } from '../database/schema';

export type SyncRecordRow = typeof syncRecords.$inferSelect;

export interface RecordWrite {
  source: string;
  table: string;
  recordId: string;
  data: Record<string, unknown> | null;
  deleted: boolean;
  verified: boolean;
  /** ISO time of the source state this write reflects; null = unordered, always applies. */
  version: string | null;
  eventId: string;
}

@Injectable()
export class SyncRecords {
  constructor(private readonly database: DatabaseService) {}

  /** True when written; false when a newer state was already stored. */
  async apply(write: RecordWrite): Promise<boolean> {
    const version = write.version ? new Date(write.version) : null;
    const written = await this.database.db
      .insert(syncRecords)
      .values({
        source: write.source,
        tableName: write.table,
        recordId: write.recordId,
        data: write.data,
        deleted: write.deleted,
        verified: write.verified,
        sourceUpdatedAt: version,
        lastEventId: write.eventId,
      })
      .onConflictDoUpdate({
        target: [syncRecords.source, syncRecords.tableName, syncRecords.recordId],
        set: {
          data: sql`excluded.data`,
          deleted: sql`excluded.deleted`,
          verified: sql`excluded.verified`,
          sourceUpdatedAt: sql`coalesce(excluded.source_updated_at, ${syncRecords.sourceUpdatedAt})`,
          lastEventId: sql`excluded.last_event_id`,
          updatedAt: sql`now()`,
        },
        setWhere: sql`${syncRecords.sourceUpdatedAt} IS NULL
          OR excluded.source_updated_at IS NULL
          OR excluded.source_updated_at > ${syncRecords.sourceUpdatedAt}
          OR (excluded.source_updated_at = ${syncRecords.sourceUpdatedAt} AND excluded.deleted)`,
      })
      .returning({ recordId: syncRecords.recordId });
    return written.length > 0;
  }

  async get(source: string, table: string, recordId: string): Promise<SyncRecordRow | undefined> {
    const [row] = await this.database.db
      .select()
      .from(syncRecords)
      .where(
        and(
          eq(syncRecords.source, source),
          eq(syncRecords.tableName, table),
          eq(syncRecords.recordId, recordId),
        ),
      );
    return row;
  }
}
