// After an erasure, the deleted rows' bytes stay in the tables' and indexes' files (VACUUM frees
// the space for reuse but does not overwrite it; index pages keep the keys) and in the write-ahead
// log until PostgreSQL reuses it. A scrub shortens that at a cost that suits erasures (rare, often
// in batches): a few seconds after the last erasure of a batch, the small tables that name a
// person are rewritten (VACUUM FULL: new files, the old ones deleted at the next checkpoint), the
// large ones vacuumed (a rewrite of the event log would block the ingest for its length), then
// CHECKPOINT (the WAL before it becomes recyclable). What remains, for how long: docs/privacy.md.
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { DatabaseService } from '../database/database.service';

/** Person tables small enough to rewrite in milliseconds to seconds (one row per call or thread). */
export const REWRITTEN_TABLES = [
  'calls',
  'idempotency_keys',
  'booking_threads',
  'booking_messages',
];

/** Tables an erasure deletes from that can hold gigabytes: vacuumed only (their space is reused). */
export const VACUUMED_TABLES = [
  'events',
  'artefacts',
  'artefact_parts',
  'pgboss.job',
  'pgboss.archive',
];

/** Quiet time after the last erasure before the scrub runs: a batch of erasures scrubs once. */
export const SCRUB_DELAY_MS = 3_000;

@Injectable()
export class ErasureScrub implements OnModuleDestroy {
  private readonly logger = new Logger('ErasureScrub');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private checkpointRefused = false;
  /** Scrubs completed since start (tests and metrics wait on it). */
  completed = 0;

  constructor(private readonly database: DatabaseService) {}

  /** Called after each erasure; the scrub runs once the erasures have paused for SCRUB_DELAY_MS. */
  schedule(delayMs = SCRUB_DELAY_MS): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = (this.running ?? Promise.resolve()).then(() => this.run());
    }, delayMs);
    this.timer.unref();
  }

  async run(): Promise<void> {
    try {
      // One table per statement: VACUUM cannot run in a transaction block, and a table missing
      // (pg-boss not installed yet) must not stop the rest.
      const statements = [
        ...REWRITTEN_TABLES.map((table) => `VACUUM FULL ${table}`),
        ...VACUUMED_TABLES.map((table) => `VACUUM ${table}`),
      ];
      for (const statement of statements)
        await this.database.executor
          .executeSql(statement)
          .catch((error: Error) => this.logger.warn(`${statement} failed: ${error.message}`));
      await this.checkpoint();
      this.completed++;
    } catch (error) {
      this.logger.warn(`erasure scrub failed: ${(error as Error).message}`);
    }
  }

  /** CHECKPOINT needs superuser or pg_checkpoint on PostgreSQL; without it WAL recycles on schedule. */
  private async checkpoint(): Promise<void> {
    if (this.checkpointRefused) return;
    try {
      await this.database.executor.executeSql('CHECKPOINT');
    } catch (error) {
      this.checkpointRefused = true;
      this.logger.warn(
        `CHECKPOINT after erasures refused (${(error as Error).message}); grant pg_checkpoint to shorten how long erased data stays in the WAL`,
      );
    }
  }

  async onModuleDestroy(): Promise<void> {
    clearTimeout(this.timer);
    await this.running;
  }
}
