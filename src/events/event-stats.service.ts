// Stats of the event log, computed from the database so every replica answers the same.
import { Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { DatabaseService, type Queryable } from '../database/database.service';
import { rowsOf } from '../database/query-result';
import { andSourceIn } from './event-filters';

export interface EventStats {
  total_processed: number;
  total_failed: number;
  success_rate: number;
  average_processing_time_seconds: number;
  events_by_type: Record<string, number>;
  events_by_provider_type: Record<string, number>;
  events_by_source: Record<string, number>;
  total_retries: number;
  dead_lettered: number;
  queued: number;
}

interface Row extends Record<string, unknown> {
  source: string;
  type: string;
  kind: string;
  total: number;
  processed: number;
  failed: number;
  dead: number;
  queued: number;
  retries: number;
  processing_ms_sum: number;
}

@Injectable()
export class EventStatsService {
  constructor(private readonly database: DatabaseService) {}

  /** Attempts of `source` that finished after `since`, and how many of them failed. */
  async attemptsSince(
    q: Queryable,
    source: string,
    since: Date,
  ): Promise<{ total: number; failed: number }> {
    const [counts] = rowsOf<{ total: number; failed: number }>(
      await q.execute(sql`
        SELECT count(*)::int AS total,
               count(*) FILTER (WHERE status IN ('failed', 'dead'))::int AS failed
          FROM events
         WHERE source = ${source} AND last_attempt_at > ${since.toISOString()}::timestamptz`),
    );
    return { total: Number(counts.total), failed: Number(counts.failed) };
  }

  /** Sources with an attempt finished after `since`. */
  async sourcesAttemptedSince(since: Date): Promise<string[]> {
    const rows = rowsOf<{ source: string }>(
      await this.database.db.execute(sql`
        SELECT DISTINCT source FROM events WHERE last_attempt_at > ${since.toISOString()}::timestamptz`),
    );
    return rows.map((row) => row.source);
  }

  async stats(sources?: readonly string[]): Promise<EventStats> {
    const filter = andSourceIn(sources);
    const queried: unknown = await this.database.db.execute(sql`
      SELECT source, type,
             coalesce(payload->'change'->>'kind', type) AS kind,
             count(*)::int AS total,
             count(*) FILTER (WHERE status = 'processed')::int AS processed,
             count(*) FILTER (WHERE status = 'failed')::int AS failed,
             count(*) FILTER (WHERE status = 'dead')::int AS dead,
             count(*) FILTER (WHERE status IN ('received', 'processing'))::int AS queued,
             coalesce(sum(greatest(attempts - 1, 0)), 0)::int AS retries,
             coalesce(sum(processing_ms) FILTER (WHERE status = 'processed'), 0)::float8 AS processing_ms_sum
        FROM events
       WHERE counts_in_stats ${filter}
       GROUP BY source, type, kind`);
    const result = queried as { rows: Row[] };
    const rows = result.rows;
    const sum = (key: keyof Row) => rows.reduce((total, row) => total + Number(row[key]), 0);
    const tally = (key: 'source' | 'type' | 'kind', only = (_row: Row) => true) =>
      rows
        .filter(only)
        .reduce<Record<string, number>>(
          (acc, row) => ({ ...acc, [row[key]]: (acc[row[key]] ?? 0) + Number(row.total) }),
          {},
        );
    const processed = sum('processed');
    const failed = sum('failed') + sum('dead');
    const finished = processed + failed;
    return {
      total_processed: processed,
      total_failed: failed,
      // A fraction, as the replaced sync service answered (0.992, not 99.2).
      success_rate: finished === 0 ? 0 : Math.round((processed / finished) * 10000) / 10000,
      average_processing_time_seconds:
        processed === 0 ? 0 : Math.round(sum('processing_ms_sum') / processed) / 1000,
      // Change kinds only (insert/update/delete); Notion's own event types are counted apart.
      events_by_type: tally('kind'),
      events_by_provider_type: tally('type', (row) => row.type !== row.kind),
      events_by_source: tally('source'),
      total_retries: sum('retries'),
      dead_lettered: sum('dead'),
      queued: sum('queued'),
    };
  }
}
