// The one write of every webhook before its 2xx. Requests that arrive while a write is in
// flight are committed together in the next write (one statement, ingest-statement.ts; a
// transaction of several for batches with per-event hooks or large artefacts): group commit.
// A lone request is written at once, so batching adds no latency at low load. One batch is in
// flight at a time: the requests that arrive meanwhile make the next one, so batches grow with
// the load (measured on PostgreSQL, 32 connections of Supabase events: one in flight took 0.35–0.41
// CPU ms per event in the app and 0.22 in PostgreSQL, four in flight 0.60–0.68 and 0.56, and
// fewer events per second: each statement and commit costs more than the events it carries).
// Batches commit in arrival order. If a batch fails,
// its items are retried one by one so a single bad item cannot fail its neighbours. What waits
// is bounded (count and bytes): beyond it the server answers 503 + Retry-After instead of
// letting memory grow until the process dies.
import { inArray, sql } from 'drizzle-orm';
import { ApiException } from '../common/errors/api.exception';
import { DatabaseService, type AppTransaction } from '../database/database.service';
import { events } from '../database/schema';
import type { SqlExecutor } from '../database/sql-executor';
import type { JobQueue } from '../jobs/job-queue.service';
import { ArtefactsRepository } from './artefacts.repository';
import type { ArtefactInput, RecordedEvent, RecordEventInput, TableQueues } from './event.types';
import { fitsOneStatement, writeInOneStatement } from './ingest-statement';

interface Pending {
  input: RecordEventInput;
  resolve: (value: RecordedEvent) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 200;

export interface IngestBounds {
  /** Events waiting for their write, beyond which new ones are refused with 503. */
  maxPending: number;
  /** Artefact bytes waiting for their write, likewise. */
  maxPendingBytes: number;
}

export const DEFAULT_BOUNDS: IngestBounds = { maxPending: 5000, maxPendingBytes: 256 * 1024 ** 2 };

const bytesOf = (input: RecordEventInput) => input.artefact?.bytes.length ?? 0;

export class EventIngest {
  private queue: Pending[] = [];
  private inFlight = false;
  /** Events and bytes accepted but not yet committed (queued or in a running batch). */
  private pending = 0;
  private pendingBytes = 0;
  private readonly yieldBetweenBatches: boolean;
  private resting = false;
  /** Stateless: the artefact INSERT runs in this batch's transaction. */
  private readonly artefacts: ArtefactsRepository;

  constructor(
    private readonly database: DatabaseService,
    private readonly jobs: JobQueue,
    /** Queues processed from the events table: the event row is the job, no pg-boss row. */
    private readonly tableQueues: TableQueues,
    private readonly bounds: IngestBounds = DEFAULT_BOUNDS,
  ) {
    this.yieldBetweenBatches = database.driver === 'pglite';
    this.artefacts = new ArtefactsRepository(database);
  }

  record(input: RecordEventInput): Promise<RecordedEvent> {
    const bytes = bytesOf(input);
    if (
      this.pending >= this.bounds.maxPending ||
      (this.pending > 0 && this.pendingBytes + bytes > this.bounds.maxPendingBytes)
    )
      return Promise.reject(overloaded());
    this.pending += 1;
    this.pendingBytes += bytes;
    const release = () => {
      this.pending -= 1;
      this.pendingBytes -= bytes;
    };
    return new Promise<RecordedEvent>((resolve, reject) => {
      this.queue.push({
        input,
        resolve: (value) => {
          release();
          resolve(value);
        },
        reject: (error) => {
          release();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      });
      this.pump();
    });
  }

  private pump(): void {
    if (this.resting) return;
    if (this.queue.length > 0 && !this.inFlight) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.inFlight = true;
      void this.flush(batch).finally(() => {
        this.inFlight = false;
        if (!this.yieldBetweenBatches) return this.pump();
        // PGlite runs each statement synchronously on this thread, so no request is read while
        // a batch is written: one turn of the event loop lets the waiting requests join the
        // next batch (else every batch would hold one event).
        this.resting = true;
        setImmediate(() => {
          this.resting = false;
          this.pump();
        });
      });
    }
  }

  private async flush(batch: Pending[]): Promise<void> {
    try {
      const results = await this.commit(batch.map((p) => p.input));
      batch.forEach((pending, i) => pending.resolve(results[i]));
      this.nudgeQueues(
        batch.map((p) => p.input),
        results,
      );
    } catch (error) {
      if (batch.length === 1) batch[0].reject(error);
      else await this.writeOneByOne(batch);
    }
  }

  private async writeOneByOne(batch: Pending[]): Promise<void> {
    for (const pending of batch) {
      try {
        const [result] = await this.commit([pending.input]);
        pending.resolve(result);
        this.nudgeQueues([pending.input], [result]);
      } catch (error) {
        pending.reject(error);
      }
    }
  }

  /** One statement when the batch allows it; else a transaction of several. */
  private commit(inputs: RecordEventInput[]): Promise<RecordedEvent[]> {
    return fitsOneStatement(inputs)
      ? writeInOneStatement(this.database.executor, inputs, this.tableQueues)
      : this.database.transaction((tx, executor) => this.write(tx, executor, inputs));
  }

  private async write(
    tx: AppTransaction,
    executor: SqlExecutor,
    inputs: RecordEventInput[],
  ): Promise<RecordedEvent[]> {
    const inserted = await tx
      .insert(events)
      .values(
        inputs.map((input) => ({
          source: input.source,
          type: input.type,
          dedupKey: input.dedupKey,
          payload: input.payload ?? null,
          requestId: input.requestId,
          status: input.status ?? 'received',
          attempts: input.status === 'processed' ? 1 : 0,
          processingMs: input.processingMs,
          processedAt: input.status === 'processed' ? sql`now()` : undefined,
          outcome: input.outcome,
          countsInStats: input.countsInStats ?? true,
          headers: input.headers,
          subject: input.subject,
          queue: input.queue && this.tableQueues.has(input.queue) ? input.queue : undefined,
        })),
      )
      .onConflictDoNothing({ target: events.dedupKey })
      .returning({
        id: events.id,
        seq: events.seq,
        dedupKey: events.dedupKey,
        status: events.status,
        receivedAt: events.receivedAt,
      });

    const fresh = new Map(inserted.map((row) => [row.dedupKey, row]));
    const duplicateKeys = inputs.map((i) => i.dedupKey).filter((key) => !fresh.has(key));
    const existing = duplicateKeys.length
      ? new Map(
          (
            await tx
              .select({
                id: events.id,
                seq: events.seq,
                dedupKey: events.dedupKey,
                status: events.status,
                receivedAt: events.receivedAt,
              })
              .from(events)
              .where(inArray(events.dedupKey, duplicateKeys))
          ).map((row) => [row.dedupKey, row]),
        )
      : new Map<
          string,
          { id: string; seq: number; status: RecordedEvent['status']; receivedAt: Date }
        >();

    const claimed = new Set<string>();
    const results: RecordedEvent[] = [];
    const jobsByQueue = new Map<string, object[]>();
    /** By call and kind: a later delivery in the same batch replaces an earlier one. */
    const newArtefacts = new Map<string, ArtefactInput & { eventId: string }>();
    for (const input of inputs) {
      const row = fresh.get(input.dedupKey);
      // The same key twice in one batch: the first is new, the second a duplicate of it.
      if (row && !claimed.has(input.dedupKey)) {
        claimed.add(input.dedupKey);
        results.push({
          id: row.id,
          seq: row.seq,
          duplicate: false,
          status: row.status,
          receivedAt: row.receivedAt,
        });
        if (input.artefact)
          newArtefacts.set(`${input.artefact.conversationId}/${input.artefact.kind}`, {
            ...input.artefact,
            eventId: row.id,
          });
        if (input.onInsert) await input.onInsert(tx, row.id, executor);
        if (input.queue && !this.tableQueues.has(input.queue))
          jobsByQueue.set(input.queue, [
            ...(jobsByQueue.get(input.queue) ?? []),
            { eventId: row.id },
          ]);
      } else {
        const prior = row ?? existing.get(input.dedupKey);
        if (!prior) throw new Error(`a ${input.source} event neither inserted nor found`);
        results.push({
          id: prior.id,
          seq: prior.seq,
          duplicate: true,
          status: prior.status,
          receivedAt: prior.receivedAt,
        });
      }
    }
    if (newArtefacts.size > 0) await this.artefacts.write(tx, [...newArtefacts.values()]);
    for (const [queue, items] of jobsByQueue) await this.jobs.sendMany(queue, items, executor);
    return results;
  }

  private nudgeQueues(inputs: RecordEventInput[], results: RecordedEvent[]): void {
    const queues = new Set(
      inputs
        .filter((input, i) => input.queue && !results[i].duplicate)
        .map((input) => input.queue as string),
    );
    for (const queue of queues)
      if (this.tableQueues.has(queue)) this.tableQueues.nudge(queue);
      else this.jobs.nudge(queue);
  }
}

function overloaded(): ApiException {
  return new ApiException({
    status: 503,
    code: 'overloaded',
    error: 'Service overloaded',
    message: 'Too many webhooks are waiting to be stored; retry shortly',
    details: { retry_after_seconds: 1 },
    headers: { 'Retry-After': '1' },
  });
}
