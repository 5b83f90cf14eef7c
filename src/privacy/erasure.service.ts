// Erasure of one person's data (GDPR art. 17): a call or a booking thread, the events that name
// it, its artefacts, cached answers and jobs that mention it, and the PAYLOAD_DIR mirror; then an audit entry
// that records the erasure without the id itself (only its SHA-256) or any personal data.
// Each table is erased by its owner, all in one transaction; the audit row (hashed id, counts,
// actor) is written by @Audited on the controller route.
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { rm } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { ApiException } from '../common/errors/api.exception';
import { appConfig } from '../config/namespaces';
import { BookingThreadsRepository } from '../booking/booking-threads.repository';
import { CallRecordsRepository } from '../calls/call-records.repository';
import { IdempotencyService } from '../common/idempotency/idempotency.service';
import { DatabaseService, type AppTransaction } from '../database/database.service';
import { ArtefactsRepository } from '../events/artefacts.repository';
import { EventLogService } from '../events/event-log.service';
import { eraseJobsMentioning } from '../jobs/job-erasure';
import type { ErasureResponseDto } from './dto/erasure.dto';
import { addTombstone, lockSubjects, subjectDigest } from '../database/erasure-tombstones';
import { ErasureScrub } from './erasure-scrub';

export type ErasureKind = 'call' | 'booking_thread';

/** Ids that may name a mirror folder: nothing that could walk out of PAYLOAD_DIR. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;

export interface ErasureResult {
  kind: ErasureKind;
  subjectDigest: string;
  removed: Record<string, number>;
}

@Injectable()
export class ErasureService {
  private readonly logger = new Logger('Erasure');

  constructor(
    private readonly database: DatabaseService,
    private readonly calls: CallRecordsRepository,
    private readonly artefacts: ArtefactsRepository,
    private readonly threads: BookingThreadsRepository,
    private readonly events: EventLogService,
    private readonly idempotency: IdempotencyService,
    private readonly scrub: ErasureScrub,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  /** The API answer of an erasure: 404 when nothing stored names the id. */
  async eraseOrNotFound(kind: ErasureKind, id: string): Promise<ErasureResponseDto> {
    const result = await this.erase(kind, id);
    if (!result)
      throw ApiException.notFound(
        `Nothing stored names this ${kind === 'call' ? 'conversation' : 'thread'}`,
        'not_found',
      );
    return {
      status: 'success',
      message: 'Erased',
      data: { kind: result.kind, subject_digest: result.subjectDigest, removed: result.removed },
    };
  }

  /** Null when nothing names the id (404). */
  async erase(kind: ErasureKind, id: string): Promise<ErasureResult | null> {
    // Under the subject's lock, with a tombstone: a writer already in flight either finished
    // before (and its writes are removed here) or sees the tombstone and writes nothing.
    const removed = await this.database.transaction(async (tx) => {
      await lockSubjects(tx, [id]);
      await addTombstone(tx, id);
      const own = kind === 'call' ? await this.eraseCall(tx, id) : await this.eraseThread(tx, id);
      const shared = await this.eraseMentions(tx, id);
      return { ...own, ...shared };
    });
    removed.mirror_folders = await this.eraseMirror(id);
    if (Object.values(removed).every((n) => n === 0)) return null;
    this.scrub.schedule();
    const digest = subjectDigest(id);
    this.logger.log(`erased ${kind} ${digest.slice(0, 12)}…: ${JSON.stringify(removed)}`);
    return { kind, subjectDigest: digest, removed };
  }

  private async eraseCall(tx: AppTransaction, id: string): Promise<Record<string, number>> {
    const artefacts = await this.artefacts.erase(tx, id);
    const callRows = await this.calls.erase(tx, id);
    return { calls: callRows, artefacts };
  }

  private eraseThread(tx: AppTransaction, id: string): Promise<Record<string, number>> {
    return this.threads.erase(tx, id);
  }

  /** Whatever else names the id: its events, remembered answers, queued or archived jobs. */
  private async eraseMentions(tx: AppTransaction, id: string): Promise<Record<string, number>> {
    const events = await this.events.eraseMentions(tx, id);
    const idempotency = await this.idempotency.eraseMentions(tx, id);
    const jobs = await eraseJobsMentioning(tx, id);
    return { events, idempotency_keys: idempotency, jobs };
  }

  private async eraseMirror(id: string): Promise<number> {
    if (!this.config.payloadDir || !SAFE_ID.test(id)) return 0;
    const root = resolve(this.config.payloadDir);
    const folder = resolve(join(root, id));
    if (!folder.startsWith(root + sep)) return 0;
    const existed = await rm(folder, { recursive: true }).then(
      () => 1,
      () => 0,
    );
    return existed;
  }
}
