import { ApiException } from '../common/errors/api.exception';
import type { DatabaseService } from '../database/database.service';
import type { JobQueue } from '../jobs/job-queue.service';
import { EventIngest } from './event-ingest';
import type { RecordEventInput } from './event.types';

/** A database whose writes hang until released, so what waits can be observed. */
function stalledDatabase() {
  const waiting: (() => void)[] = [];
  const stall = () =>
    new Promise((_resolve, reject) => waiting.push(() => reject(new Error('released'))));
  const database = {
    driver: 'pglite',
    // Small batches are one statement; large artefacts take a transaction.
    executor: { executeSql: stall },
    transaction: stall,
  } as unknown as DatabaseService;
  return { database, release: () => waiting.splice(0).forEach((fail) => fail()) };
}

const input = (n: number, bytes = 0): RecordEventInput => ({
  source: 'test',
  type: 'x',
  dedupKey: `k${n}`,
  payload: {},
  ...(bytes
    ? {
        artefact: {
          conversationId: `c${n}`,
          kind: 'audio' as const,
          contentType: 'audio/mpeg',
          bytes: Buffer.alloc(bytes),
        },
      }
    : {}),
});

describe('EventIngest bounds', () => {
  it('answers 503 with Retry-After once the waiting events reach the bound, and takes more after', async () => {
    const { database, release } = stalledDatabase();
    const ingest = new EventIngest(
      database,
      {} as JobQueue,
      { has: () => false, nudge: () => undefined },
      {
        maxPending: 3,
        maxPendingBytes: 1024 ** 3,
      },
    );
    const accepted = [1, 2, 3].map((n) => ingest.record(input(n)).catch((e: Error) => e));
    const refused = await ingest.record(input(4)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiException);
    expect((refused as ApiException).getStatus()).toBe(503);
    expect((refused as ApiException).init.headers).toEqual({ 'Retry-After': '1' });
    // The held writes fail (each retried alone), and the room they held is free again.
    let settled = false;
    void Promise.all(accepted).then(() => (settled = true));
    while (!settled) {
      release();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const next = ingest.record(input(5)).catch((e: unknown) => e);
    for (let i = 0; i < 5; i++) {
      release();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await next).toEqual(new Error('released'));
  });

  it('bounds the waiting artefact bytes too, but always takes one event', async () => {
    const { database } = stalledDatabase();
    const ingest = new EventIngest(
      database,
      {} as JobQueue,
      { has: () => false, nudge: () => undefined },
      {
        maxPending: 100,
        maxPendingBytes: 1000,
      },
    );
    void ingest.record(input(1, 2000)).catch(() => undefined);
    const refused = await ingest.record(input(2, 10)).catch((e: unknown) => e);
    expect((refused as ApiException).getStatus()).toBe(503);
  });
});
