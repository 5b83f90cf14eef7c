// The filters of the event log, shared by the list and by bulk replay so both select alike.
import { and, eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import { events } from '../database/schema';
import type { EventStatus } from './event.types';

export interface EventFilters {
  source?: string;
  status?: EventStatus;
  type?: string;
  /** Received at or after. */
  from?: Date;
  /** Received at or before. */
  to?: Date;
  /** Record id, conversation id, thread id or campaign id. */
  subject?: string;
}

export function filterConditions(filters: EventFilters, cursor?: number): SQL | undefined {
  const conditions = [
    filters.source ? eq(events.source, filters.source) : undefined,
    filters.status ? eq(events.status, filters.status) : undefined,
    filters.type ? eq(events.type, filters.type) : undefined,
    filters.from ? gte(events.receivedAt, filters.from) : undefined,
    filters.to ? lte(events.receivedAt, filters.to) : undefined,
    filters.subject ? eq(events.subject, filters.subject) : undefined,
    cursor ? lt(events.seq, cursor) : undefined,
  ].filter((c) => c !== undefined);
  return conditions.length ? and(...conditions) : undefined;
}

/** `AND source IN (…)` for the raw statistics queries; nothing when no sources are named. */
export function andSourceIn(sources?: readonly string[]): SQL {
  return sources?.length
    ? sql`AND source IN (${sql.join(
        sources.map((s) => sql`${s}`),
        sql`, `,
      )})`
    : sql``;
}
