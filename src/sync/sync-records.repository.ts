// The local copy of source records. An upsert only lands when it is not older than what is
// stored, so events processed out of order leave the newest state: ordered by the record's own
// timestamp when both sides have one (a delete wins a tie, then the later arrival), else by
// arrival (the event's seq).
import { Injectable } from '@nestjs/common';
import { and, eq } from 'drizzle-orm';
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

// The writes of a round as one JSON parameter: no SQL is built per write (a query builder spent
// more on building a 100-row INSERT than PostgreSQL on running it), and the statement is parsed
// once per connection. A write lands only when it is not older than the stored state.
const UPSERT_SQL = `
INSERT INTO sync_records AS r (source, table_name, record_id, data, deleted, verified,
  source_updated_at, last_event_id, arrival_seq)
SELECT source, table_name, record_id, data, deleted, verified, source_updated_at,
  last_event_id, arrival_seq
FROM jsonb_to_recordset($1::jsonb) AS w(source text, table_name text, record_id text, data jsonb,
  deleted boolean, verified boolean, source_updated_at timestamptz, last_event_id uuid,
  arrival_seq bigint)
ON CONFLICT (source, table_name, record_id) DO UPDATE SET
  data = excluded.data,
  deleted = excluded.deleted,
  verified = excluded.verified,
  source_updated_at = coalesce(excluded.source_updated_at, r.source_updated_at),
  last_event_id = excluded.last_event_id,
  arrival_seq = coalesce(excluded.arrival_seq, r.arrival_seq),
  updated_at = now()
WHERE CASE
  WHEN r.source_updated_at IS NOT NULL AND excluded.source_updated_at IS NOT NULL
    AND excluded.source_updated_at <> r.source_updated_at
    THEN excluded.source_updated_at > r.source_updated_at
  WHEN r.source_updated_at IS NOT NULL AND excluded.source_updated_at = r.source_updated_at
    AND excluded.deleted <> r.deleted
    THEN excluded.deleted
  ELSE r.arrival_seq IS NULL OR excluded.arrival_seq IS NULL
    OR excluded.arrival_seq > r.arrival_seq
  END
RETURNING source, table_name, record_id`;

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

  /** One statement for the round; answers the records it wrote. */
  private async write(
    writes: RecordWrite[],
  ): Promise<{ source: string; table: string; recordId: string }[]> {
    const rows = writes.map((write) => ({
      source: write.source,
      table_name: write.table,
      record_id: write.recordId,
      data: write.data,
      deleted: write.deleted,
      verified: write.verified,
      // Normalised here: PostgreSQL reads ISO times, JavaScript also others (RFC 2822).
      source_updated_at: write.version ? new Date(write.version).toISOString() : null,
      last_event_id: write.eventId,
      arrival_seq: write.arrivalSeq,
    }));
    const { rows: written } = await this.database.executor.executeSql(
      UPSERT_SQL,
      [JSON.stringify(rows)],
      'sync_records_upsert',
    );
    return written.map((row) => ({
      source: row.source as string,
      table: row.table_name as string,
      recordId: row.record_id as string,
    }));
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
