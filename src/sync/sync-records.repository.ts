// The local copy of source records. An upsert only lands when it is not older than what is
// stored, so events processed out of order leave the newest state: ordered by the record's own
// timestamp when both sides have one (a delete wins a tie, then the later arrival), else by
// arrival (the event's seq).
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
  /** The event's seq; null = unordered (applies unless timestamps say otherwise). */
  arrivalSeq: number | null;
}

interface PendingWrite {
  write: RecordWrite;
  resolve: (applied: boolean) => void;
  reject: (error: Error) => void;
}

const keyOf = (w: { source: string; table: string; recordId: string }) =>
  `${w.source}\u0000${w.table}\u0000${w.recordId}`;

@Injectable()
export class SyncRecordsRepository {
  /** Writes of this tick: a job batch's handlers write together in one statement. */
  private pending: PendingWrite[] = [];

  constructor(private readonly database: DatabaseService) {}

  /** True when written; false when a newer state was already stored. */
  apply(write: RecordWrite): Promise<boolean> {
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => void this.flush());
      this.pending.push({ write, resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    let rest = this.pending.splice(0);
    // One statement cannot touch a row twice: a record's later writes go in the next round.
    while (rest.length > 0) {
      const round = new Map<string, PendingWrite>();
      const later: PendingWrite[] = [];
      for (const item of rest) {
        const key = keyOf(item.write);
        if (round.has(key)) later.push(item);
        else round.set(key, item);
      }
      try {
        const written = new Set(
          (await this.write([...round.values()].map((p) => p.write))).map(keyOf),
        );
        for (const [key, item] of round) item.resolve(written.has(key));
      } catch (error) {
        for (const item of round.values()) item.reject(error as Error);
      }
      rest = later;
    }
  }

  private async write(writes: RecordWrite[]) {
    return this.database.db
      .insert(syncRecords)
      .values(
        writes.map((write) => ({
          source: write.source,
          tableName: write.table,
          recordId: write.recordId,
          data: write.data,
          deleted: write.deleted,
          verified: write.verified,
          sourceUpdatedAt: write.version ? new Date(write.version) : null,
          lastEventId: write.eventId,
          arrivalSeq: write.arrivalSeq,
        })),
      )
      .onConflictDoUpdate({
        target: [syncRecords.source, syncRecords.tableName, syncRecords.recordId],
        set: {
          data: sql`excluded.data`,
          deleted: sql`excluded.deleted`,
          verified: sql`excluded.verified`,
          sourceUpdatedAt: sql`coalesce(excluded.source_updated_at, ${syncRecords.sourceUpdatedAt})`,
          lastEventId: sql`excluded.last_event_id`,
          arrivalSeq: sql`coalesce(excluded.arrival_seq, ${syncRecords.arrivalSeq})`,
          updatedAt: sql`now()`,
        },
        setWhere: sql`CASE
          WHEN ${syncRecords.sourceUpdatedAt} IS NOT NULL AND excluded.source_updated_at IS NOT NULL
            AND excluded.source_updated_at <> ${syncRecords.sourceUpdatedAt}
            THEN excluded.source_updated_at > ${syncRecords.sourceUpdatedAt}
          WHEN ${syncRecords.sourceUpdatedAt} IS NOT NULL
            AND excluded.source_updated_at = ${syncRecords.sourceUpdatedAt}
            AND excluded.deleted <> ${syncRecords.deleted}
            THEN excluded.deleted
          ELSE ${syncRecords.arrivalSeq} IS NULL OR excluded.arrival_seq IS NULL
            OR excluded.arrival_seq > ${syncRecords.arrivalSeq}
          END`,
      })
      .returning({
        source: syncRecords.source,
        table: syncRecords.tableName,
        recordId: syncRecords.recordId,
      });
  }

  /** What `apply` would decide for a write arriving now, without writing. */
  async wouldApply(
    write: Omit<RecordWrite, 'eventId' | 'data' | 'verified' | 'arrivalSeq'>,
  ): Promise<boolean> {
    const stored = await this.get(write.source, write.table, write.recordId);
    if (!stored?.sourceUpdatedAt || !write.version) return true;
    const incoming = new Date(write.version).getTime();
    const current = stored.sourceUpdatedAt.getTime();
    if (incoming !== current) return incoming > current;
    // Same time: a delete wins over a copy; otherwise the later arrival (this one) wins.
    return write.deleted || !stored.deleted;
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
