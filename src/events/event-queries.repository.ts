// Read side of the event log for operators: filtered pages and activity over time.
import { Injectable } from '@nestjs/common';
import { desc, eq, sql } from 'drizzle-orm';
import { DatabaseService } from '../database/database.service';
import { rowsOf } from '../database/query-result';
import { events } from '../database/schema';
import type { EventRow } from './event.types';
import { andSourceIn, filterConditions, type EventFilters } from './event-filters';

const HOUR = 3_600_000;

export interface EventPage {
  items: EventRow[];
  nextCursor: number | null;
}

export interface ActivityBucket {
  start: string;
  received: number;
  processed: number;
  failed: number;
  dead: number;
}

@Injectable()
export class EventQueriesRepository {
  constructor(private readonly database: DatabaseService) {}

  /** Whether the stored event's payload equals `payload` as JSON (key order aside). */
  async payloadEquals(id: string, payload: unknown): Promise<boolean> {
    const [row] = rowsOf<{ same: boolean }>(
      await this.database.db.execute(sql`
        SELECT payload = ${JSON.stringify(payload)}::jsonb AS same FROM events WHERE id = ${id}`),
    );
    return row?.same === true;
  }

  get(id: string): Promise<EventRow | undefined> {
    return this.database.db.query.events.findFirst({ where: eq(events.id, id) });
  }

  async list(filters: EventFilters, limit: number, cursor?: number): Promise<EventPage> {
    const rows = await this.database.db
      .select()
      .from(events)
      .where(filterConditions(filters, cursor))
      .orderBy(desc(events.seq))
      .limit(limit + 1);
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].seq : null };
  }

  /** Events per hour over the last `hours`, by the status they have now, oldest bucket first. */
  async activity(hours: number, now: Date, sources?: string[]): Promise<ActivityBucket[]> {
    const since = new Date(now.getTime() - hours * HOUR);
    const sourceFilter = andSourceIn(sources);
    const rows = rowsOf<{
      bucket: Date | string;
      received: number;
      processed: number;
      failed: number;
      dead: number;
    }>(
      await this.database.db.execute(sql`
      SELECT date_trunc('hour', received_at) AS bucket,
             count(*)::int AS received,
             count(*) FILTER (WHERE status = 'processed')::int AS processed,
             count(*) FILTER (WHERE status = 'failed')::int AS failed,
             count(*) FILTER (WHERE status = 'dead')::int AS dead
        FROM events
       WHERE received_at > ${since.toISOString()}::timestamptz AND counts_in_stats ${sourceFilter}
       GROUP BY 1`),
    );
    const byHour = new Map(rows.map((row) => [new Date(row.bucket).getTime(), row]));
    const buckets: ActivityBucket[] = [];
    const first = Math.floor(since.getTime() / HOUR) * HOUR;
    for (let start = first; start <= now.getTime(); start += HOUR) {
      const row = byHour.get(start);
      buckets.push({
        start: new Date(start).toISOString(),
        received: Number(row?.received ?? 0),
        processed: Number(row?.processed ?? 0),
        failed: Number(row?.failed ?? 0),
        dead: Number(row?.dead ?? 0),
      });
    }
    return buckets;
  }
}
