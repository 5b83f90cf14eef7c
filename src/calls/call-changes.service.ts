// A post-call job batch maps each of its events to a change of its call, concurrently. Changes
// asked for in the same turn of the event loop are written together, one statement for the
// batch instead of one per event (DataLoader's batching): fewer round trips on PostgreSQL, and on
// the embedded database one fsync'd commit instead of fifty.
import { Injectable, Logger } from '@nestjs/common';
import DataLoader from 'dataloader';
import { CallRecordsRepository, type CallChange } from './call-records.repository';

const MAX_BATCH = 100;

@Injectable()
export class CallChangesService {
  private readonly logger = new Logger('CallChanges');
  private readonly loader = new DataLoader<CallChange, null>((changes) => this.write(changes), {
    cache: false,
    maxBatchSize: MAX_BATCH,
    // The whole turn, not only its microtasks: handlers of a job batch arrive within it.
    batchScheduleFn: (run) => setImmediate(run),
  });

  constructor(private readonly calls: CallRecordsRepository) {}

  /** Resolves once the change is committed (or was applied for its event before). */
  async apply(change: CallChange): Promise<void> {
    await this.loader.load(change);
  }

  /**
   * Per change null, or the error that failed it. A failed statement is retried change by change,
   * so one bad change cannot fail its neighbours.
   */
  private async write(changes: readonly CallChange[]): Promise<(null | Error)[]> {
    const results: (null | Error)[] = changes.map(() => null);
    for (const round of rounds(changes)) {
      try {
        await this.calls.apply(round.map((i) => changes[i]));
      } catch (error) {
        this.logger.warn(
          `writing ${round.length} call changes together failed (${asError(error).message}); writing them one by one`,
        );
        for (const i of round)
          results[i] = await this.calls.apply([changes[i]]).then(() => null, asError);
      }
    }
    return results;
  }
}

/**
 * The changes' indexes in groups that hold at most one change per call (a statement may update
 * a row only once), in arrival order: a call's second change goes in the second group.
 */
export function rounds(changes: readonly CallChange[]): number[][] {
  const seen = new Map<string, number>();
  const groups: number[][] = [];
  changes.forEach((change, i) => {
    const id = change.seed.conversationId;
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    (groups[n] ??= []).push(i);
  });
  return groups;
}

const asError = (error: unknown): Error =>
  error instanceof Error ? error : new Error(String(error));
