// Replay: puts events back in their queue with fresh attempts, one (any finished event, with a
// reason kept in its history) or many by filter (failed or dead only). Claiming is one UPDATE on
// the status, so a repeated or concurrent request — on any replica — queues each event once.
// A bulk replay is a chain of requests: each answer's cursor (the last event taken, and the
// newest event when the chain began) starts the next page after it, so an event that fails
// again during the pass is not taken a second time, and the chain ends.
import { Injectable } from '@nestjs/common';
import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import { DatabaseService } from '../database/database.service';
import { events } from '../database/schema';
import { JobQueue } from '../jobs/job-queue.service';
import { replayEntry } from './attempt-log';
import { EventLogService } from './event-log.service';
import type { EventRow } from './event.types';
import { filterConditions, type EventFilters } from './event-filters';

export const BULK_REPLAY_MAX = 500;
const SINGLE_REPLAYABLE = ['failed', 'dead', 'processed'] as const;
const BULK_REPLAYABLE = ['failed', 'dead'] as const;

export interface BulkReplayResult {
  queued: number;
  eventIds: string[];
  /** More events match than the limit allowed; ask again, with `cursor`, for the next batch. */
  more: boolean;
  /** Where the chain goes on; null once nothing is left. */
  cursor: ReplayCursor | null;
}

/** A bulk replay chain's position: after event seq `after`, up to seq `until` (its start). */
export interface ReplayCursor {
  after: number;
  until: number;
}

@Injectable()
export class EventReplayService {
  constructor(
    private readonly database: DatabaseService,
    private readonly jobs: JobQueue,
    private readonly log: EventLogService,
  ) {}

  async replayOne(
    id: string,
    reason: string,
    requestId?: string,
  ): Promise<EventRow | 'not_found' | 'no_queue' | 'busy'> {
    const found = await this.database.db.query.events.findFirst({ where: eq(events.id, id) });
    if (!found) return 'not_found';
    const queue = this.log.queueFor(found.source);
    if (!queue) return 'no_queue';
    const result = await this.database.transaction(async (tx, executor) => {
      const [row] = await tx
        .update(events)
        .set(this.resetTo(reason, requestId))
        .where(and(eq(events.id, id), inArray(events.status, [...SINGLE_REPLAYABLE])))
        .returning();
      if (!row) return 'busy' as const;
      if (!this.log.isTableQueue(queue)) await this.jobs.send(queue, { eventId: id }, { executor });
      return row;
    });
    if (typeof result !== 'string') this.nudge(queue);
    return result;
  }

  async replayMany(
    filters: EventFilters,
    limit: number,
    reason: string,
    requestId?: string,
    cursor?: ReplayCursor,
  ): Promise<BulkReplayResult> {
    const sources = this.log.replayableSources.filter(
      (s) => !filters.source || s === filters.source,
    );
    const statuses = filters.status ? [filters.status] : [...BULK_REPLAYABLE];
    if (
      sources.length === 0 ||
      !statuses.every((s) => (BULK_REPLAYABLE as readonly string[]).includes(s))
    )
      return { queued: 0, eventIds: [], more: false, cursor: null };
    const chain = cursor ?? { after: 0, until: await this.newestSeq() };
    const where = and(
      filterConditions({ ...filters, status: undefined }),
      inArray(events.status, statuses),
      inArray(events.source, sources),
      gt(events.seq, chain.after),
      lte(events.seq, chain.until),
    );
    const claimed = await this.database.transaction(async (tx, executor) => {
      // Rows another replica is claiming right now are skipped, not waited for.
      const candidates = await tx
        .select({ id: events.id, seq: events.seq })
        .from(events)
        .where(where)
        .orderBy(asc(events.seq))
        .limit(limit + 1)
        .for('update', { skipLocked: true });
      const taken = candidates.slice(0, limit);
      const ids = taken.map((c) => c.id);
      if (ids.length === 0) return { rows: [], more: false, last: chain.after };
      const rows = await tx
        .update(events)
        .set(this.resetTo(reason, requestId))
        .where(and(inArray(events.id, ids), inArray(events.status, statuses)))
        .returning({ id: events.id, source: events.source });
      const byQueue = new Map<string, object[]>();
      for (const row of rows) {
        const queue = this.log.queueFor(row.source) as string;
        byQueue.set(queue, [...(byQueue.get(queue) ?? []), { eventId: row.id }]);
      }
      for (const [queue, items] of byQueue)
        if (!this.log.isTableQueue(queue)) await this.jobs.sendMany(queue, items, executor);
      return { rows, more: candidates.length > limit, last: taken[taken.length - 1].seq };
    });
    for (const queue of new Set(claimed.rows.map((r) => this.log.queueFor(r.source) as string)))
      this.nudge(queue);
    return {
      queued: claimed.rows.length,
      eventIds: claimed.rows.map((r) => r.id),
      more: claimed.more,
      cursor: claimed.more ? { after: claimed.last, until: chain.until } : null,
    };
  }

  private async newestSeq(): Promise<number> {
    const [row] = await this.database.db
      .select({ seq: sql<number>`coalesce(max(${events.seq}), 0)`.mapWith(Number) })
      .from(events);
    return row.seq;
  }

  /** `events.queue` for the row's source when an events-table queue processes it. */
  private tableQueueOfSource() {
    const cases = this.log.replayableSources
      .map((source) => [source, this.log.queueFor(source) as string])
      .filter(([, queue]) => this.log.isTableQueue(queue))
      .map(([source, queue]) => sql`WHEN ${source} THEN ${queue}`);
    return cases.length === 0
      ? sql`${events.queue}`
      : sql`CASE ${events.source} ${sql.join(cases, sql` `)} ELSE ${events.queue} END`;
  }

  private nudge(queue: string): void {
    if (this.log.isTableQueue(queue)) this.log.nudgeTableQueue(queue);
    else this.jobs.nudge(queue);
  }

  /**
   * Fresh retries; `attempts` keeps counting, so the stats' retry total never goes down. The
   * queue columns put an events-table queue's event back in it (pg-boss queues ignore them).
   */
  private resetTo(reason: string, requestId?: string) {
    const entry = replayEntry(new Date(), reason, requestId);
    return {
      status: 'received' as const,
      tries: 0,
      queue: this.tableQueueOfSource(),
      availableAt: sql`now()`,
      claimedUntil: null,
      claimToken: null,
      lastError: null,
      attemptLog: sql`${events.attemptLog} || ${JSON.stringify([entry])}::jsonb`,
    };
  }
}
