// Makes concurrent webhook acknowledgements cheap: requests that arrive while a write is in
// flight are committed together in the next transaction (one event INSERT, one job INSERT).
// A lone request is written at once, so batching adds no latency at low load. On PostgreSQL a
// few batches run in parallel (unless arrival order must be kept). If a batch fails,
// its items are retried one by one so a single bad item cannot fail its neighbours.
import { inArray, sql } from 'drizzle-orm';
import { DatabaseService, type AppTransaction } from '../database/database.service';
import { events } from '../database/schema';
import type { SqlExecutor } from '../database/sql-executor';
import type { JobQueue } from '../jobs/job-queue.service';
import type { RecordedEvent, RecordEventInput } from './event.types';

interface Pending {
  input: RecordEventInput;
  resolve: (value: RecordedEvent) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 200;

export class EventIngest {
  private queue: Pending[] = [];
  private inFlight = 0;
  /** PGlite runs one statement at a time; PostgreSQL gains from a few batches in parallel. */
  private readonly maxInFlight: number;

  constructor(
    private readonly database: DatabaseService,
    private readonly jobs: JobQueue,
    /** Commit in arrival order (one transaction at a time), e.g. for messages of a thread. */
    ordered = false,
  ) {
    this.maxInFlight = database.driver === 'postgres' && !ordered ? 4 : 1;
  }

  record(input: RecordEventInput): Promise<RecordedEvent> {
    return new Promise<RecordedEvent>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0 && this.inFlight < this.maxInFlight) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.inFlight += 1;
      void this.flush(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async flush(batch: Pending[]): Promise<void> {
    try {
      const results = await this.database.transaction((tx, executor) =>
        this.write(
          tx,
          executor,
          batch.map((p) => p.input),
        ),
      );
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
        const [result] = await this.database.transaction((tx, executor) =>
          this.write(tx, executor, [pending.input]),
        );
        pending.resolve(result);
        this.nudgeQueues([pending.input], [result]);
      } catch (error) {
        pending.reject(error);
      }
    }
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
        })),
      )
      .onConflictDoNothing({ target: events.dedupKey })
      .returning({
        id: events.id,
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
                dedupKey: events.dedupKey,
                status: events.status,
                receivedAt: events.receivedAt,
              })
              .from(events)
              .where(inArray(events.dedupKey, duplicateKeys))
          ).map((row) => [row.dedupKey, row]),
        )
      : new Map<string, { id: string; status: RecordedEvent['status']; receivedAt: Date }>();

    const claimed = new Set<string>();
    const results: RecordedEvent[] = [];
    const jobsByQueue = new Map<string, object[]>();
    for (const input of inputs) {
      const row = fresh.get(input.dedupKey);
      // The same key twice in one batch: the first is new, the second a duplicate of it.
      if (row && !claimed.has(input.dedupKey)) {
        claimed.add(input.dedupKey);
        results.push({
          id: row.id,
          duplicate: false,
          status: row.status,
          receivedAt: row.receivedAt,
        });
        if (input.onInsert) await input.onInsert(tx, row.id, executor);
        if (input.queue)
          jobsByQueue.set(input.queue, [
            ...(jobsByQueue.get(input.queue) ?? []),
            { eventId: row.id },
          ]);
      } else {
        const prior = row ?? existing.get(input.dedupKey);
        if (!prior) throw new Error(`event ${input.dedupKey} neither inserted nor found`);
        results.push({
          id: prior.id,
          duplicate: true,
          status: prior.status,
          receivedAt: prior.receivedAt,
        });
      }
    }
    for (const [queue, items] of jobsByQueue) await this.jobs.sendMany(queue, items, executor);
    return results;
  }

  private nudgeQueues(inputs: RecordEventInput[], results: RecordedEvent[]): void {
    const queues = new Set(
      inputs
        .filter((input, i) => input.queue && !results[i].duplicate)
        .map((input) => input.queue as string),
    );
    for (const queue of queues) this.jobs.nudge(queue);
  }
}
