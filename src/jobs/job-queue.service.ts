// pg-boss on the application's own database: durable jobs, retries with exponential backoff,
// dead letter, and SKIP LOCKED sharing of work between replicas.
import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { DatabaseService } from '../database/database.service';
import type { SqlExecutor } from '../database/sql-executor';
import type { MetricsService } from '../metrics/metrics.service';

export interface QueueDefinition {
  name: string;
  /** Retries after the first attempt. */
  retryLimit: number;
  retryDelaySeconds: number;
  /** A job active longer than this is presumed lost with its worker and handed out again. */
  expireInSeconds?: number;
  /** Jobs fetched per poll and run concurrently. */
  batchSize?: number;
}

export interface JobContext<T> {
  id: string;
  data: T;
  /** 0 on the first attempt. */
  retryCount: number;
  retryLimit: number;
  /** True when a failure now would exhaust the retries. */
  isFinalAttempt: boolean;
}

export type JobHandler<T> = (job: JobContext<T>) => Promise<void>;
/** Per job of the batch: null when done, else the error that failed it. */
export type BatchHandler<T> = (jobs: JobContext<T>[]) => Promise<unknown[]>;

function toContext<T>(job: PgBoss.JobWithMetadata<T>): JobContext<T> {
  return {
    id: job.id,
    data: job.data,
    retryCount: job.retryCount,
    retryLimit: job.retryLimit,
    isFinalAttempt: job.retryCount >= job.retryLimit,
  };
}

export interface SendOptions {
  /** Enqueue inside this transaction, so the job exists exactly when the transaction commits. */
  executor?: SqlExecutor;
  startAfterSeconds?: number;
}

const POLL_SECONDS = 0.5;
const NUDGE_WINDOW_MS = 20;

@Injectable()
export class JobQueue implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly workers = new Map<string, string>();
  private readonly definitions = new Map<string, QueueDefinition>();
  private readonly pendingNudges = new Set<string>();
  private stopped = false;

  private constructor(
    private readonly boss: PgBoss,
    private readonly metrics: MetricsService,
    private readonly database: DatabaseService,
  ) {}

  static async start(database: DatabaseService, metrics: MetricsService): Promise<JobQueue> {
    const boss = new PgBoss({
      db: database.executor,
      schema: 'pgboss',
      // Maintenance expires the jobs of a crashed replica; often, so they are picked up soon.
      maintenanceIntervalSeconds: 10,
      archiveCompletedAfterSeconds: 3600,
      deleteAfterDays: 7,
    });
    const queue = new JobQueue(boss, metrics, database);
    boss.on('error', (error: Error) => queue.logger.warn(`pg-boss: ${error.message}`));
    await database.withStartupLock(async () => {
      await boss.start();
    });
    return queue;
  }

  /** Creates the queue (and its dead-letter queue) and starts this replica's worker for it. */
  async register<T extends object>(
    definition: QueueDefinition,
    handler: JobHandler<T>,
  ): Promise<void> {
    await this.registerBatch<T>(definition, (jobs) =>
      Promise.all(
        jobs.map((job) =>
          handler(job).then(
            () => null,
            (error: unknown) => error,
          ),
        ),
      ),
    );
  }

  /**
   * Like register, but the handler gets the whole fetched batch (to share its database round
   * trips) and answers, per job, null for done or the error that failed it.
   */
  async registerBatch<T extends object>(
    definition: QueueDefinition,
    handler: BatchHandler<T>,
  ): Promise<void> {
    const deadLetter = `${definition.name}__dead`;
    // Queue creation is DDL (a partition per queue): replicas starting together would deadlock.
    await this.database.withStartupLock(async () => {
      await this.boss.createQueue(deadLetter, { name: deadLetter });
      await this.boss.createQueue(definition.name, {
        name: definition.name,
        retryLimit: definition.retryLimit,
        retryDelay: definition.retryDelaySeconds,
        retryBackoff: true,
        expireInSeconds: definition.expireInSeconds ?? 120,
        deadLetter,
      });
    });
    this.definitions.set(definition.name, definition);
    const batchSize = definition.batchSize ?? 10;
    const workerId = await this.boss.work<T>(
      definition.name,
      { batchSize, pollingIntervalSeconds: POLL_SECONDS, includeMetadata: true },
      async (jobs) => {
        // pg-boss hands over empty fetches too; they need no database work.
        if (jobs.length === 0) return;
        const contexts = jobs.map(toContext);
        const errors = await handler(contexts).catch((error: unknown) => contexts.map(() => error));
        await Promise.all(contexts.map((job, i) => this.settle(definition.name, job, errors[i])));
        // A full batch means more may be waiting: poll again at once instead of sleeping.
        if (jobs.length === batchSize) this.nudge(definition.name);
      },
    );
    this.workers.set(definition.name, workerId);
  }

  /** Success is completed by pg-boss when the batch handler returns; a failure is marked here. */
  private async settle<T>(queue: string, job: JobContext<T>, error: unknown): Promise<void> {
    if (error === null || error === undefined) {
      this.metrics.jobs.inc({ queue, outcome: 'completed' });
      return;
    }
    const message = error instanceof Error ? error.message : JSON.stringify(error);
    this.metrics.jobs.inc({ queue, outcome: job.isFinalAttempt ? 'dead' : 'retry' });
    this.logger.warn(`${queue} job ${job.id} attempt ${job.retryCount + 1} failed: ${message}`);
    await this.boss
      .fail(queue, job.id, { message })
      .catch((failError: Error) =>
        this.logger.error(`could not mark job ${job.id} failed: ${failError.message}`),
      );
  }

  async send(queue: string, data: object, options: SendOptions = {}): Promise<string | null> {
    const id = await this.boss.send(queue, data, {
      ...(options.executor ? { db: options.executor } : {}),
      ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
    } as PgBoss.SendOptions);
    if (!options.executor) this.nudge(queue);
    return id;
  }

  /** Several jobs in one statement, e.g. inside a batched ingest transaction. */
  async sendMany(queue: string, items: object[], executor?: SqlExecutor): Promise<void> {
    if (items.length === 0) return;
    await this.boss.insert(
      items.map((data) => ({ name: queue, data })),
      (executor ? { db: executor } : {}) as PgBoss.InsertOptions,
    );
  }

  /**
   * Wakes this replica's worker of `queue` (after a commit that enqueued work). Wake-ups within
   * NUDGE_WINDOW_MS are coalesced, so a stream of small commits makes few, larger fetches.
   */
  nudge(queue: string): void {
    if (this.stopped || this.pendingNudges.has(queue)) return;
    const workerId = this.workers.get(queue);
    if (!workerId) return;
    this.pendingNudges.add(queue);
    setTimeout(() => {
      this.pendingNudges.delete(queue);
      if (!this.stopped) this.boss.notifyWorker(workerId);
    }, NUDGE_WINDOW_MS).unref();
  }

  async queueSizes(): Promise<Record<string, number>> {
    const sizes: Record<string, number> = {};
    for (const name of this.definitions.keys()) sizes[name] = await this.boss.getQueueSize(name);
    return sizes;
  }

  /** A cheap round trip through pg-boss's own tables, for readiness. */
  async ping(): Promise<void> {
    await this.boss.getQueues();
  }

  /** SIGTERM: stop fetching, let running handlers finish, then let the database close. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.boss.stop({ graceful: true, wait: true, close: false, timeout: 20_000 });
  }
}
