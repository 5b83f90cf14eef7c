// The inbox: records inbound webhooks durably and deduplicated, tracks their processing
// (claim → processed | failed → dead), and answers listing, stats and replay.
import { Injectable } from '@nestjs/common';
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { DatabaseService } from '../database/database.service';
import { events } from '../database/schema';
import { JobQueue, type JobContext } from '../jobs/job-queue.service';
import { MetricsService } from '../metrics/metrics.service';
import { EventIngest } from './event-ingest';
import type { EventRow, EventStatus, RecordedEvent, RecordEventInput } from './event.types';

export interface EventListQuery {
  source?: string;
  status?: EventStatus;
  /** The `next_cursor` of the previous page. */
  cursor?: number;
  limit: number;
}

/** What a processing handler reports back, kept in `events.outcome`. */
export type ProcessOutcome = Record<string, unknown> | void;

@Injectable()
export class EventLog {
  private readonly ingest: EventIngest;
  private readonly orderedIngest: EventIngest;
  /** Which queue processes the events of a source, for replay. */
  private readonly queues = new Map<string, string>();

  constructor(
    private readonly database: DatabaseService,
    private readonly jobs: JobQueue,
    private readonly metrics: MetricsService,
  ) {
    this.ingest = new EventIngest(database, jobs);
    this.orderedIngest = new EventIngest(database, jobs, true);
  }

  registerQueue(source: string, queue: string): void {
    this.queues.set(source, queue);
  }

  /** Durable once resolved: the event row (and its job, if any) are committed. */
  async record(input: RecordEventInput): Promise<RecordedEvent> {
    const result = await (input.ordered ? this.orderedIngest : this.ingest).record(input);
    this.metrics.webhooks.inc({
      source: input.source,
      type: input.type,
      outcome: result.duplicate ? 'duplicate' : 'accepted',
    });
    return result;
  }

  findByDedupKey(dedupKey: string): Promise<EventRow | undefined> {
    return this.database.db.query.events.findFirst({ where: eq(events.dedupKey, dedupKey) });
  }

  get(id: string): Promise<EventRow | undefined> {
    return this.database.db.query.events.findFirst({ where: eq(events.id, id) });
  }

  /**
   * Runs `handler` for the job's event at most once to success: a processed or dead event is
   * skipped, so a redelivered or duplicated job does nothing. Failures are recorded and rethrown
   * for the queue's retry; the final failure dead-letters the event.
   */
  async process(
    job: JobContext<{ eventId: string }>,
    handler: (event: EventRow) => Promise<ProcessOutcome>,
  ): Promise<void> {
    const [error] = await this.processBatch([job], handler);
    if (error !== null && error !== undefined)
      throw error instanceof Error ? error : new Error(describe(error));
  }

  /**
   * `process` for a batch of jobs, sharing the claim and the completion statements; answers per
   * job null (done or nothing to do) or the error that failed it.
   */
  async processBatch(
    jobs: JobContext<{ eventId: string }>[],
    handler: (event: EventRow) => Promise<ProcessOutcome>,
  ): Promise<unknown[]> {
    if (jobs.length === 0) return [];
    const claimed = await this.database.db
      .update(events)
      .set({ status: 'processing', attempts: sql`${events.attempts} + 1` })
      .where(
        and(
          inArray(
            events.id,
            jobs.map((job) => job.data.eventId),
          ),
          inArray(events.status, ['received', 'failed', 'processing']),
        ),
      )
      .returning();
    const pending = new Map(claimed.map((event) => [event.id, event]));
    const done: { id: string; ms: number; outcome: unknown; event: EventRow }[] = [];
    const errors = await Promise.all(
      jobs.map(async (job) => {
        const event = pending.get(job.data.eventId);
        pending.delete(job.data.eventId);
        if (!event) return null;
        const started = performance.now();
        try {
          const outcome = await handler(event);
          done.push({
            id: event.id,
            ms: Math.round(performance.now() - started),
            outcome: outcome ?? event.outcome,
            event,
          });
          return null;
        } catch (error) {
          await this.markFailed(
            event,
            error,
            job.isFinalAttempt,
            Math.round(performance.now() - started),
          );
          return error;
        }
      }),
    );
    if (done.length === 0) return errors;
    try {
      const rows = sql.join(
        done.map(
          (d) => sql`(${d.id}::uuid, ${d.ms}::int, ${JSON.stringify(d.outcome ?? null)}::jsonb)`,
        ),
        sql`, `,
      );
      await this.database.db.execute(sql`
        UPDATE events SET status = 'processed', processing_ms = v.ms, processed_at = now(), last_error = NULL, outcome = v.outcome
          FROM (VALUES ${rows}) AS v(id, ms, outcome) WHERE events.id = v.id`);
    } catch (error) {
      // Not recorded as done: let the queue run them again (handlers are idempotent).
      const ids = new Set(done.map((d) => d.id));
      return jobs.map((job, i) => (ids.has(job.data.eventId) ? error : errors[i]));
    }
    for (const d of done)
      this.metrics.webhooks.inc({
        source: d.event.source,
        type: d.event.type,
        outcome: 'processed',
      });
    return errors;
  }

  private async markFailed(
    event: EventRow,
    error: unknown,
    final: boolean,
    ms: number,
  ): Promise<void> {
    await this.database.db
      .update(events)
      .set({ status: final ? 'dead' : 'failed', lastError: describe(error), processingMs: ms })
      .where(eq(events.id, event.id));
    this.metrics.webhooks.inc({
      source: event.source,
      type: event.type,
      outcome: final ? 'dead' : 'failed',
    });
  }

  async list(query: EventListQuery): Promise<{ items: EventRow[]; nextCursor: number | null }> {
    const conditions = [
      query.source ? eq(events.source, query.source) : undefined,
      query.status ? eq(events.status, query.status) : undefined,
      query.cursor ? lt(events.seq, query.cursor) : undefined,
    ].filter((c) => c !== undefined);
    const rows = await this.database.db
      .select()
      .from(events)
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(desc(events.seq))
      .limit(query.limit + 1);
    const items = rows.slice(0, query.limit);
    return { items, nextCursor: rows.length > query.limit ? items[items.length - 1].seq : null };
  }

  /** Puts a failed or dead event back in its queue with fresh attempts. */
  async replay(id: string): Promise<EventRow | 'not_found' | 'not_replayable'> {
    const found = await this.get(id);
    if (!found) return 'not_found';
    const queue = this.queues.get(found.source);
    if (!queue) return 'not_replayable';
    const result = await this.database.transaction(async (tx, executor) => {
      const [row] = await tx
        .update(events)
        .set({ status: 'received', attempts: 0, lastError: null })
        .where(and(eq(events.id, id), inArray(events.status, ['failed', 'dead'])))
        .returning();
      if (!row) {
        const exists = await tx.select({ id: events.id }).from(events).where(eq(events.id, id));
        return exists.length ? ('not_replayable' as const) : ('not_found' as const);
      }
      await this.jobs.send(queue, { eventId: id }, { executor });
      return row;
    });
    if (typeof result !== 'string') this.jobs.nudge(queue);
    return result;
  }
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, 1000);
}
