// Retention (RETENTION_DAYS): a daily job, run by one replica (pg-boss schedule), deletes
// finished events (and with them their payloads and headers), post-call artefacts and
// PAYLOAD_DIR mirror files older than the retention, each table through its owner.
import { AuditTrail } from '../audit/audit-trail.service';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { readdir, rm, rmdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Clock } from '../common/clock/clock';
import { appConfig, operationsConfig } from '../config/namespaces';
import { CallRecordsRepository } from '../calls/call-records.repository';
import { DatabaseService } from '../database/database.service';
import { ArtefactsRepository } from '../events/artefacts.repository';
import { EventLogService } from '../events/event-log.service';
import { JobQueue } from '../jobs/job-queue.service';

export const RETENTION_QUEUE = 'retention';
/** Rows per DELETE, so a first prune of a large backlog does not hold one huge transaction. */
const BATCH = 5000;

export interface PruneResult {
  cutoff: string;
  events: number;
  artefacts: number;
  files: number;
  /** audit_log rows older than AUDIT_RETENTION_DAYS. */
  audit: number;
}

@Injectable()
export class RetentionService implements OnModuleInit {
  private readonly logger = new Logger('Retention');

  constructor(
    private readonly database: DatabaseService,
    private readonly events: EventLogService,
    private readonly artefacts: ArtefactsRepository,
    private readonly calls: CallRecordsRepository,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    @Inject(operationsConfig.KEY) private readonly ops: ConfigType<typeof operationsConfig>,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.register<object>(
      { name: RETENTION_QUEUE, retryLimit: 2, retryDelaySeconds: 60, expireInSeconds: 3600 },
      async () => {
        await this.prune();
      },
    );
    await this.jobs.schedule(RETENTION_QUEUE, '17 3 * * *');
  }

  async prune(now: Date = this.clock.now()): Promise<PruneResult> {
    const cutoff = new Date(now.getTime() - this.ops.retentionDays * 86_400_000);
    let events = 0;
    for (;;) {
      const deleted = await this.events.pruneFinished(cutoff, BATCH);
      events += deleted;
      if (deleted < BATCH) break;
    }
    const artefacts = await this.pruneArtefacts(cutoff);
    const files = this.app.payloadDir
      ? await this.pruneFiles(resolve(this.app.payloadDir), cutoff)
      : 0;
    const auditCutoff = new Date(now.getTime() - this.ops.auditRetentionDays * 86_400_000);
    const audit = await this.audit.prune(auditCutoff);
    this.logger.log(
      `pruned ${events} events, ${artefacts} artefacts and ${files} mirror files older than ${cutoff.toISOString()}, ${audit} audit rows older than ${auditCutoff.toISOString()}`,
    );
    return { cutoff: cutoff.toISOString(), events, artefacts, files, audit };
  }

  /** Recordings and transcripts, and their links on the call (which itself is kept). */
  private async pruneArtefacts(cutoff: Date): Promise<number> {
    let pruned = 0;
    for (;;) {
      const gone = await this.database.transaction(async (tx) => {
        const rows = await this.artefacts.pruneBefore(tx, cutoff, BATCH);
        // In the calls' order, as post-call's batched writes lock them: waits, never a deadlock.
        const byCall = [...rows].sort((a, b) =>
          a.conversation_id < b.conversation_id
            ? -1
            : a.conversation_id > b.conversation_id
              ? 1
              : 0,
        );
        for (const row of byCall)
          await this.calls.dropArtefactLink(tx, row.conversation_id, row.kind);
        return rows.length;
      });
      pruned += gone;
      if (gone < BATCH) return pruned;
    }
  }

  /** Files of the mirror last written before the cutoff; folders left empty go too. */
  private async pruneFiles(dir: string, cutoff: Date): Promise<number> {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    let removed = 0;
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        removed += await this.pruneFiles(path, cutoff);
        // rmdir, not rm -r: a file the mirror job writes meanwhile is kept (and the folder too).
        await rmdir(path).catch(() => undefined);
      } else if (entry.isFile()) {
        // A mirror write in flight renames its temp file away: gone is fine.
        const modified = await stat(path).then(
          (s) => s.mtime,
          () => null,
        );
        if (modified && modified < cutoff) {
          await rm(path, { force: true });
          removed += 1;
        }
      }
    }
    return removed;
  }
}
