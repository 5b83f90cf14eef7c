// The event log as a queue: post-call and sync events are processed straight from the events
// table, as the group-commit floor does (docs/architecture-queue.md). A worker per queue claims
// up to `batchSize` claimable events in ONE statement (`FOR UPDATE SKIP LOCKED`), runs their
// handlers (events of one subject one after the other, in arrival order), and marks the
// processed ones done in ONE more. No job row per event, no fetch/complete/archive round trips.
//
// Exactly once across replicas: each claim has its own token and a lease (`claimed_until`) that
// the claiming replica renews while the batch runs, so a slow batch under load is never taken
// over; only a replica that stops renewing (dead, or cut off from the database for a whole
// lease) loses its events, and a completion counts only where its claim token still matches.
// A handler that runs past its queue's maximum run time fails its attempt (and is retried),
// so a hung handler cannot hold a lease for ever. Retries back off exponentially; the last
// failure dead-letters the event (status `dead`), which replay puts back in its queue.
import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { DatabaseService } from '../database/database.service';
import { events } from '../database/schema';
import { MetricsService } from '../metrics/metrics.service';
import { attemptEntry } from './attempt-log';
import { EventLogService, type ProcessOutcome } from './event-log.service';
import type { EventRow } from './event.types';

export interface EventQueueDefinition {
  name: string;
  /** Event sources this queue processes (replay finds the queue by source). */
  sources: string[];
  /** Retries after the first attempt. */
  retryLimit: number;
  /** First retry's delay; doubles on each further retry. */
  retryDelaySeconds: number;
  /** Longest run of one event's handler: past it the attempt fails. */
  maxRunSeconds: number;
  batchSize?: number;
}

export type EventHandler = (event: EventRow) => Promise<ProcessOutcome>;

/** Life of a claim that is not renewed: how long a dead replica's events wait. */
export const LEASE_SECONDS = 10;
/** Renewal period while a batch runs: several renewals can be late before the lease lapses. */
const RENEW_INTERVAL_MS = 2000;
/** Idle polling, for work another replica committed (this replica's own ingest nudges). */
const POLL_MS = 500;
const MAX_BACKOFF_SECONDS = 3600;
const UNFINISHED = ['received', 'processing', 'failed'] as const;

const COMPLETE_SQL = `
UPDATE events SET status = 'processed', processing_ms = v.ms, processed_at = now(),
  last_error = NULL, outcome = v.outcome, attempt_log = events.attempt_log || v.entry,
  last_attempt_at = now(), claimed_until = NULL, claim_token = NULL
FROM jsonb_to_recordset($2::jsonb) AS v(id uuid, ms int, outcome jsonb, entry jsonb)
WHERE events.id = v.id AND events.claim_token = $1::uuid`;

const FAIL_SQL = `
UPDATE events SET status = $3, last_error = $4, processing_ms = $5,
  attempt_log = attempt_log || $6::jsonb, last_attempt_at = now(),
  available_at = now() + make_interval(secs => $7::int), claimed_until = NULL, claim_token = NULL
WHERE id = $1::uuid AND claim_token = $2::uuid`;

const RENEW_SQL = `
UPDATE events SET claimed_until = now() + make_interval(secs => $3::int)
WHERE id = ANY($2::uuid[]) AND claim_token = $1::uuid`;

interface Worker {
  definition: EventQueueDefinition;
  handler: EventHandler;
  /** Set by a nudge: poll again at once instead of sleeping. */
  woken: boolean;
  wake?: () => void;
  running?: Promise<void>;
}

@Injectable()
export class EventQueue implements BeforeApplicationShutdown {
  private readonly logger = new Logger('EventQueue');
  private readonly workers = new Map<string, Worker>();
  private stopped = false;
  private paused = false;

  constructor(
    private readonly database: DatabaseService,
    private readonly log: EventLogService,
    private readonly metrics: MetricsService,
  ) {
    database.availability.on('down', () => (this.paused = true));
    database.availability.on('up', () => {
      this.paused = false;
      for (const name of this.workers.keys()) this.nudge(name);
    });
  }

  /** Starts this replica's worker for the queue; ingest and replay route its sources here. */
  register(definition: EventQueueDefinition, handler: EventHandler): void {
    const worker: Worker = { definition, handler, woken: true };
    this.workers.set(definition.name, worker);
    for (const source of definition.sources)
      this.log.registerTableQueue(source, definition.name, () => this.nudge(definition.name));
    worker.running = this.loop(worker);
  }

  /** New work committed on this replica: claim it now rather than at the next poll. */
  nudge(queue: string): void {
    const worker = this.workers.get(queue);
    if (!worker) return;
    worker.woken = true;
    worker.wake?.();
  }

  /** Unfinished events per queue (queued, running or waiting for a retry). */
  async sizes(): Promise<Record<string, number>> {
    const { rows } = await this.database.executor.executeSql(
      `SELECT queue, count(*)::int AS n FROM events
       WHERE queue IS NOT NULL AND status IN ('received', 'processing', 'failed') GROUP BY queue`,
    );
    const sizes: Record<string, number> = {};
    for (const name of this.workers.keys()) sizes[name] = 0;
    for (const row of rows) sizes[row.queue as string] = Number(row.n);
    return sizes;
  }

  /** SIGTERM: claim nothing more, let the running batches finish. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const worker of this.workers.values()) worker.wake?.();
    const running = [...this.workers.values()].map((w) => w.running ?? Promise.resolve());
    await Promise.race([
      Promise.all(running),
      new Promise((resolve) => setTimeout(resolve, 20_000).unref()),
    ]);
  }

  private async loop(worker: Worker): Promise<void> {
    const batchSize = worker.definition.batchSize ?? 100;
    while (!this.stopped) {
      // Database down: wait for the 'up' nudge (or the next poll). Never skip the wait here: a
      // nudge during the outage would otherwise spin this loop and block the event loop.
      if (this.paused) {
        await this.sleep(worker, POLL_MS);
        continue;
      }
      worker.woken = false;
      let claimed: number;
      try {
        claimed = await this.runBatch(worker, batchSize);
      } catch (error) {
        if (!this.paused)
          this.logger.warn(`${worker.definition.name}: ${(error as Error).message}`);
        await this.sleep(worker, 1000);
        continue;
      }
      // A full batch means more may be waiting.
      if (claimed < batchSize && !worker.woken) await this.sleep(worker, POLL_MS);
    }
  }

  private sleep(worker: Worker, ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        worker.wake = undefined;
        resolve();
      }, ms);
      worker.wake = () => {
        clearTimeout(timer);
        worker.wake = undefined;
        resolve();
      };
    });
  }

  /** One claim, its handlers, one completion; answers how many events were claimed. */
  private async runBatch(worker: Worker, batchSize: number): Promise<number> {
    const { definition } = worker;
    const token = randomUUID();
    const claimed = await this.claim(definition.name, token, batchSize);
    if (claimed.length === 0) return 0;
    const ids = claimed.map((e) => e.id);
    // Not a named statement either: a plan cached while `events` was small could scan all of it.
    const renew = setInterval(
      () =>
        void this.database.executor
          .executeSql(RENEW_SQL, [token, ids, LEASE_SECONDS])
          .catch((error: Error) =>
            this.logger.warn(`${definition.name}: lease not renewed: ${error.message}`),
          ),
      RENEW_INTERVAL_MS,
    );
    renew.unref();
    try {
      const done: { id: string; ms: number; outcome: unknown; entry: object; event: EventRow }[] =
        [];
      // Events of one subject run one after the other, in arrival order; subjects in parallel.
      const bySubject = new Map<string, EventRow[]>();
      for (const event of claimed) {
        const key = event.subject ?? event.id;
        bySubject.set(key, [...(bySubject.get(key) ?? []), event]);
      }
      // Every chain at once: the handlers' writes, asked for in the same turn of the event loop,
      // go to the database as one statement per kind (sync-records.repository.ts,
      // call-changes.service.ts), one commit for the batch. With 16 at a time a batch of 100 took
      // seven commits one after the other, and processing fell behind ingest (a backlog of 4–5 s
      // after 10 s of Supabase events). A batch is at most `batchSize` events.
      const chains = [...bySubject.values()];
      const runChain = async (chain: EventRow[]) => {
        for (const event of chain) {
          const startedAt = new Date();
          const started = performance.now();
          try {
            const outcome = await this.runHandler(worker, event);
            const ms = Math.round(performance.now() - started);
            done.push({
              id: event.id,
              ms,
              outcome: outcome ?? event.outcome ?? null,
              entry: [attemptEntry(startedAt, 'processed', ms)],
              event,
            });
          } catch (error) {
            await this.fail(worker, event, token, error, startedAt, started);
          }
        }
      };
      await Promise.all(chains.map((chain) => runChain(chain)));
      if (done.length > 0) {
        // Planned on every call (not a named statement): it joins the batch against `events`,
        // and a cached plan made while the table was small would scan all of it once it is not.
        await this.database.executor.executeSql(COMPLETE_SQL, [
          token,
          JSON.stringify(done.map(({ event: _event, ...row }) => row)),
        ]);
        for (const d of done) {
          this.metrics.webhooks.inc({
            source: d.event.source,
            type: d.event.type,
            outcome: 'processed',
          });
          this.metrics.jobs.inc({ queue: definition.name, outcome: 'completed' });
        }
      }
    } finally {
      clearInterval(renew);
    }
    return claimed.length;
  }

  /** ONE statement: the oldest claimable events of the queue, leased to this claim. */
  private claim(queue: string, token: string, limit: number): Promise<EventRow[]> {
    const db = this.database.db;
    const claimable = db
      .select({ id: events.id })
      .from(events)
      .where(
        and(
          eq(events.queue, queue),
          inArray(events.status, [...UNFINISHED]),
          lte(events.availableAt, sql`now()`),
          or(isNull(events.claimedUntil), lt(events.claimedUntil, sql`now()`)),
        ),
      )
      .orderBy(asc(events.seq))
      .limit(limit)
      .for('update', { skipLocked: true });
    return db
      .update(events)
      .set({
        status: 'processing',
        attempts: sql`${events.attempts} + 1`,
        tries: sql`${events.tries} + 1`,
        claimToken: token,
        claimedUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})`,
      })
      .where(inArray(events.id, claimable))
      .returning();
  }

  private runHandler(worker: Worker, event: EventRow): Promise<ProcessOutcome> {
    const seconds = worker.definition.maxRunSeconds;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`handler ran longer than ${seconds} s`)),
        seconds * 1000,
      );
    });
    return Promise.race([worker.handler(event), timeout]).finally(() => clearTimeout(timer));
  }

  private async fail(
    worker: Worker,
    event: EventRow,
    token: string,
    error: unknown,
    startedAt: Date,
    started: number,
  ): Promise<void> {
    const { name, retryLimit, retryDelaySeconds } = worker.definition;
    const final = event.tries > retryLimit;
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    const ms = Math.round(performance.now() - started);
    // Retry n waits d·2^(n−1) to d·2^n s (jitter spreads a failed batch's retries).
    const delay = Math.min(
      MAX_BACKOFF_SECONDS,
      Math.round(
        Math.max(1, retryDelaySeconds) * 2 ** Math.max(0, event.tries - 1) * (1 + Math.random()),
      ),
    );
    const entry = attemptEntry(startedAt, final ? 'dead' : 'failed', ms, message);
    this.logger.warn(`${name} event ${event.id} attempt ${event.tries} failed: ${message}`);
    this.metrics.jobs.inc({ queue: name, outcome: final ? 'dead' : 'retry' });
    try {
      await this.database.executor.executeSql(FAIL_SQL, [
        event.id,
        token,
        final ? 'dead' : 'failed',
        message,
        ms,
        JSON.stringify([entry]),
        final ? 0 : delay,
      ]);
    } catch (failError) {
      // Left as claimed: its lease lapses and the event is attempted again.
      this.logger.error(`could not mark event ${event.id} failed: ${(failError as Error).message}`);
      return;
    }
    await this.log.failed(event, final);
  }
}
