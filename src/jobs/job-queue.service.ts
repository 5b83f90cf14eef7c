// pg-boss on the application's own database: durable jobs, retries with exponential backoff,
// dead letter, SKIP LOCKED sharing of work between replicas, leases that hand a crashed
// replica's jobs over within seconds (job-leases.ts), and workers paused while PostgreSQL is
// unreachable.
import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { DatabaseService } from '../database/database.service';
import type { SqlExecutor } from '../database/sql-executor';
import type { MetricsService } from '../metrics/metrics.service';
import { holdLeases, SWEEP_INTERVAL_MS } from './job-leases';
import { tolerateDatabaseRejections } from './unhandled-database-rejections';

export interface QueueDefinition {
  name: string;
  /** Retries after the first attempt. */
  retryLimit: number;
  retryDelaySeconds: number;
  /**
   * Longest run of one job: past it the job is handed out again even though its replica is
   * alive (a hung handler). A dead replica's jobs are handed over sooner (job-leases.ts).
   */
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
  /** What `work` was called with, per queue, to start the workers again after a pause. */
  private readonly workArgs = new Map<string, () => Promise<string>>();
  private stopped = false;
  private paused = false;
  private sweeper?: NodeJS.Timeout;

  private constructor(
    private readonly boss: PgBoss,
    private readonly metrics: MetricsService,
    private readonly database: DatabaseService,
  ) {}

  static async start(database: DatabaseService, metrics: MetricsService): Promise<JobQueue> {
    const boss = new PgBoss({
      db: database.executor,
      schema: 'pgboss',
      // Archive and drop; lapsed leases are expired by this class's own, faster sweep.
      maintenanceIntervalSeconds: 10,
      archiveCompletedAfterSeconds: 3600,
      deleteAfterDays: 7,
    });
    const queue = new JobQueue(boss, metrics, database);
    tolerateDatabaseRejections();
    // pg-boss reports its polling and maintenance failures here; unhandled they would end the
    // process. While the database is known to be down they are expected and said once.
    boss.on('error', (error: Error) => {
      if (!queue.paused) queue.logger.warn(`pg-boss: ${error.message}`);
    });
    await database.withStartupLock(async () => {
      await boss.start();
    });
    database.availability.on('down', () => queue.pause());
    database.availability.on('up', () => void queue.resume());
    queue.sweeper = setInterval(() => void queue.sweepLapsedLeases(), SWEEP_INTERVAL_MS);
    queue.sweeper.unref();
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
    const maxRunSeconds = definition.expireInSeconds ?? 120;
    const options: PgBoss.Queue = {
      name: definition.name,
      retryLimit: definition.retryLimit,
      retryDelay: definition.retryDelaySeconds,
      retryBackoff: true,
      // pg-boss times a handler out after this; the lease (job-leases.ts) is shorter.
      expireInSeconds: maxRunSeconds,
      deadLetter,
    };
    await this.database.withStartupLock(async () => {
      await this.boss.createQueue(deadLetter, { name: deadLetter });
      await this.boss.createQueue(definition.name, options);
      // createQueue keeps an existing queue's settings; a new release may have changed them.
      await this.boss.updateQueue(definition.name, options);
    });
    this.definitions.set(definition.name, definition);
    const batchSize = definition.batchSize ?? 10;
    const startWorker = () =>
      this.boss.work<T>(
        definition.name,
        { batchSize, pollingIntervalSeconds: POLL_SECONDS, includeMetadata: true },
        async (jobs) => {
          // pg-boss hands over empty fetches too; they need no database work.
          if (jobs.length === 0) return;
          const release = holdLeases(
            this.database.executor,
            definition.name,
            jobs.map((job) => job.id),
            maxRunSeconds,
            (error) => this.logger.warn(`${definition.name}: lease not renewed: ${error.message}`),
          );
          const contexts = jobs.map(toContext);
          try {
            const errors = await handler(contexts).catch((error: unknown) =>
              contexts.map(() => error),
            );
            await Promise.all(
              contexts.map((job, i) => this.settle(definition.name, job, errors[i])),
            );
          } finally {
            release();
          }
          // A full batch means more may be waiting: poll again at once instead of sleeping.
          if (jobs.length === batchSize) this.nudge(definition.name);
        },
      );
    this.workArgs.set(definition.name, startWorker);
    if (!this.paused) this.workers.set(definition.name, await startWorker());
  }

  /** PostgreSQL unreachable: stop polling (running handlers finish and fail on their own). */
  private pause(): void {
    if (this.paused || this.stopped) return;
    this.paused = true;
    this.logger.warn(`database unreachable: ${this.workers.size} workers paused`);
    for (const queue of this.workers.keys())
      this.boss.offWork(queue).catch((error: Error) => this.logger.warn(error.message));
    this.workers.clear();
  }

  /** PostgreSQL back: start the workers again; jobs whose lease lapsed meanwhile are retried. */
  private async resume(): Promise<void> {
    if (!this.paused || this.stopped) return;
    this.paused = false;
    for (const [queue, startWorker] of this.workArgs) {
      try {
        this.workers.set(queue, await startWorker());
      } catch (error) {
        this.logger.error(`${queue}: worker not restarted: ${(error as Error).message}`);
      }
    }
    this.logger.log(`database reachable: ${this.workers.size} workers resumed`);
  }

  /** Hands out again the jobs whose lease lapsed: their replica died or their handler hung. */
  private async sweepLapsedLeases(): Promise<void> {
    if (this.paused || this.stopped) return;
    try {
      await (this.boss as PgBoss & { expire(): Promise<void> }).expire();
    } catch (error) {
      if (!this.paused) this.logger.warn(`lease sweep: ${(error as Error).message}`);
    }
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

  /**
   * Runs `queue`'s job on a cron (UTC). pg-boss sends each tick once across all replicas, and
   * the job goes to whichever replica's worker fetches it.
   */
  async schedule(queue: string, cron: string): Promise<void> {
    await this.boss.schedule(queue, cron, {}, { tz: 'UTC' });
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
    clearInterval(this.sweeper);
    await this.boss.stop({ graceful: true, wait: true, close: false, timeout: 20_000 });
  }
}
