// The inbox: records inbound webhooks durably and deduplicated, tracks their processing
// (claim → processed | failed → dead), and answers listing, stats and replay.
import { Injectable } from '@nestjs/common';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { DatabaseService, type Queryable } from '../database/database.service';
import { affectedRows } from '../database/query-result';
import { events } from '../database/schema';
import { JobQueue, type JobContext } from '../jobs/job-queue.service';
import { MetricsService } from '../metrics/metrics.service';
import { currentRequestHeaders } from '../common/http/request-context';
import { attemptEntry } from './attempt-log';
import { EventIngest } from './event-ingest';
import type { AttemptEntry } from './attempt-entry.types';
import type { EventRow, RecordedEvent, RecordEventInput } from './event.types';

export type FailureListener = (event: EventRow, deadLettered: boolean) => Promise<void>;

/** What a processing handler reports back, kept in `events.outcome`. */
export type ProcessOutcome = Record<string, unknown> | void;

@Injectable()
export class EventLogService {
  private readonly ingest: EventIngest;
  /** Ordered events (booking messages) have their own pipeline: a batch of large artefacts never holds them. */
  private readonly orderedIngest: EventIngest;
  /** Which queue processes the events of a source, for replay. */
  private readonly queues = new Map<string, string>();
  private readonly failureListeners: FailureListener[] = [];
  /** Queues processed straight from the events table (event-queue.service.ts), with their wake-up. */
  private readonly tableQueues = new Map<string, () => void>();

  constructor(
    private readonly database: DatabaseService,
    private readonly jobs: JobQueue,
    private readonly metrics: MetricsService,
  ) {
    const tableQueues = {
      has: (queue: string) => this.tableQueues.has(queue),
      nudge: (queue: string) => this.tableQueues.get(queue)?.(),
    };
    this.ingest = new EventIngest(database, jobs, tableQueues);
    this.orderedIngest = new EventIngest(database, jobs, tableQueues);
  }

  /** `source`'s events are processed from the events table by `queue`; `nudge` wakes its worker. */
  registerTableQueue(source: string, queue: string, nudge: () => void): void {
    this.queues.set(source, queue);
    this.tableQueues.set(queue, nudge);
  }

  /** Whether `queue` is an events-table queue (else a pg-boss one). */
  isTableQueue(queue: string): boolean {
    return this.tableQueues.has(queue);
  }

  /** Wakes an events-table queue's worker on this replica. */
  nudgeTableQueue(queue: string): void {
    this.tableQueues.get(queue)?.();
  }

  registerQueue(source: string, queue: string): void {
    this.queues.set(source, queue);
  }

  /** The queue that processes events of `source`, if any (replay needs one). */
  queueFor(source: string): string | undefined {
    return this.queues.get(source);
  }

  get replayableSources(): string[] {
    return [...this.queues.keys()];
  }

  /** Told after every failed attempt (e.g. alerts); a listener's error never fails processing. */
  onFailure(listener: FailureListener): void {
    this.failureListeners.push(listener);
  }

  /** Durable once resolved: the event row (and its job, if any) are committed. */
  async record(input: RecordEventInput): Promise<RecordedEvent> {
    const withHeaders = input.headers ? input : { ...input, headers: currentRequestHeaders() };
    const result = await (input.ordered ? this.orderedIngest : this.ingest).record(withHeaders);
    this.metrics.webhooks.inc({
      source: input.source,
      type: input.type,
      outcome: result.duplicate ? 'duplicate' : 'accepted',
    });
    return result;
  }

  /**
   * Retention: up to `limit` finished (processed or dead) events received before `cutoff`; the
   * number removed. Queued or retrying events are kept whatever their age: they are still work.
   */
  async pruneFinished(cutoff: Date, limit: number): Promise<number> {
    return affectedRows(
      await this.database.db.execute(sql`
        DELETE FROM events WHERE id IN (
          SELECT id FROM events
           WHERE received_at < ${cutoff.toISOString()}::timestamptz AND status IN ('processed', 'dead')
           LIMIT ${limit})`),
    );
  }

  /** Erasure: the events that concern or mention `id` (subject, payload, outcome). */
  async eraseMentions(q: Queryable, id: string): Promise<number> {
    return affectedRows(
      await q.execute(
        sql`DELETE FROM events WHERE subject = ${id} OR strpos(payload::text, ${id}) > 0
                                 OR strpos(coalesce(outcome::text, ''), ${id}) > 0`,
      ),
    );
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
    const done: {
      id: string;
      ms: number;
      outcome: unknown;
      event: EventRow;
      entry: AttemptEntry;
    }[] = [];
    const errors = await Promise.all(
      jobs.map(async (job) => {
        const event = pending.get(job.data.eventId);
        pending.delete(job.data.eventId);
        if (!event) return null;
        const startedAt = new Date();
        const started = performance.now();
        try {
          const outcome = await handler(event);
          const ms = Math.round(performance.now() - started);
          done.push({
            id: event.id,
            ms,
            outcome: outcome ?? event.outcome,
            event,
            entry: attemptEntry(startedAt, 'processed', ms),
          });
          return null;
        } catch (error) {
          await this.markFailed(
            event,
            error,
            job.isFinalAttempt,
            Math.round(performance.now() - started),
            startedAt,
          );
          return error;
        }
      }),
    );
    if (done.length === 0) return errors;
    try {
      const rows = sql.join(
        done.map(
          (d) =>
            sql`(${d.id}::uuid, ${d.ms}::int, ${JSON.stringify(d.outcome ?? null)}::jsonb, ${JSON.stringify([d.entry])}::jsonb)`,
        ),
        sql`, `,
      );
      await this.database.db.execute(sql`
        UPDATE events SET status = 'processed', processing_ms = v.ms, processed_at = now(), last_error = NULL,
               outcome = v.outcome, attempt_log = events.attempt_log || v.entry, last_attempt_at = now()
          FROM (VALUES ${rows}) AS v(id, ms, outcome, entry) WHERE events.id = v.id`);
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
    startedAt: Date,
  ): Promise<void> {
    const entry = attemptEntry(startedAt, final ? 'dead' : 'failed', ms, describe(error));
    await this.database.db
      .update(events)
      .set({
        status: final ? 'dead' : 'failed',
        lastError: describe(error),
        processingMs: ms,
        attemptLog: sql`${events.attemptLog} || ${JSON.stringify([entry])}::jsonb`,
        lastAttemptAt: sql`now()`,
      })
      .where(eq(events.id, event.id));
    await this.failed(event, final);
  }

  /** A processing attempt failed (recorded already): metrics and the failure listeners. */
  async failed(event: EventRow, final: boolean): Promise<void> {
    this.metrics.webhooks.inc({
      source: event.source,
      type: event.type,
      outcome: final ? 'dead' : 'failed',
    });
    for (const listener of this.failureListeners)
      await listener(event, final).catch(() => undefined);
  }
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, 1000);
}
