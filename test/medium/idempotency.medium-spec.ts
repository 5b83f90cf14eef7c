// Idempotency-Key on the real database: the branches a single HTTP client never reaches
// (a repeat racing the first request, a first that fails or outlasts the wait, expiry).
import { sql } from 'drizzle-orm';
import { IdempotencyService } from '../../src/common/idempotency/idempotency.service';
import { ApiException } from '../../src/common/errors/api.exception';
import { idempotencyKeys } from '../../src/database/schema';
import { eventually } from '../support/eventually';
import { newMedium, type Medium } from './medium';

/** A promise the test settles when it chooses: the "first request is still running" switch. */
function gate<T = void>() {
  let open!: (value: T) => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<T>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

/** The code and status an ApiException would answer with; the error itself otherwise. */
const answerOf = (error: unknown) =>
  error instanceof ApiException ? { status: error.init.status, code: error.init.code } : error;

describe('IdempotencyService (medium: real database)', () => {
  let medium: Medium;
  let service: IdempotencyService;
  let n = 0;
  const key = () => `key-${++n}`;
  const notKept = () => null;

  beforeAll(async () => {
    medium = await newMedium({ providers: [IdempotencyService] });
    service = medium.get(IdempotencyService);
  });
  afterAll(() => medium.close());

  /** Resolves once `service` has entered its wait for the first request of a key. */
  function waitingRepeats() {
    const spy = jest.spyOn(service as unknown as { awaitFirst: () => unknown }, 'awaitFirst');
    return {
      started: () => eventually(async () => spy.mock.calls.length > 0, 5000, 5),
      restore: () => spy.mockRestore(),
    };
  }

  it('does the work once and replays the stored answer to a repeat', async () => {
    const k = key();
    const work = jest.fn(async () => ({ status: 201, body: { id: 'a' } }));
    const first = await service.run('scope', k, { x: 1 }, work, notKept);
    const repeat = await service.run('scope', k, { x: 1 }, work, notKept);
    expect(first).toEqual({ status: 201, body: { id: 'a' }, replayed: false });
    expect(repeat).toEqual({ status: 201, body: { id: 'a' }, replayed: true });
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('keeps keys of different scopes apart', async () => {
    const k = key();
    const work = jest.fn(async () => ({ status: 200, body: 'done' }));
    await service.run('one', k, {}, work, notKept);
    const other = await service.run('two', k, {}, work, notKept);
    expect(other.replayed).toBe(false);
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('refuses a malformed key with 400 invalid_idempotency_key before any work', async () => {
    const work = jest.fn(async () => ({ status: 200, body: null }));
    const error = await service.run('scope', 'bad key!', {}, work, notKept).catch((e) => e);
    expect(answerOf(error)).toEqual({ status: 400, code: 'invalid_idempotency_key' });
    expect(work).not.toHaveBeenCalled();
  });

  it('refuses the same key with another body: 409 idempotency_key_reused', async () => {
    const k = key();
    await service.run('scope', k, { x: 1 }, async () => ({ status: 200, body: 1 }), notKept);
    const work = jest.fn(async () => ({ status: 200, body: 2 }));
    const error = await service.run('scope', k, { x: 2 }, work, notKept).catch((e) => e);
    expect(answerOf(error)).toEqual({ status: 409, code: 'idempotency_key_reused' });
    expect(work).not.toHaveBeenCalled();
  });

  it('a repeat during the first request waits for it and gets its answer; the work runs once', async () => {
    const k = key();
    const running = gate();
    const release = gate();
    const work = jest.fn(async () => {
      running.open();
      await release.promise;
      return { status: 200, body: { call: 'placed' } };
    });
    const repeats = waitingRepeats();
    const first = service.run('scope', k, {}, work, notKept);
    await running.promise;
    const repeat = service.run('scope', k, {}, work, notKept);
    await repeats.started();
    release.open();
    await expect(first).resolves.toEqual({
      status: 200,
      body: { call: 'placed' },
      replayed: false,
    });
    await expect(repeat).resolves.toEqual({
      status: 200,
      body: { call: 'placed' },
      replayed: true,
    });
    expect(work).toHaveBeenCalledTimes(1);
    repeats.restore();
  });

  it('a repeat waiting on a first that fails is told to retry (409 idempotency_retry); the retry then does the work', async () => {
    const k = key();
    const running = gate();
    const release = gate();
    const repeats = waitingRepeats();
    const first = service.run(
      'scope',
      k,
      {},
      async () => {
        running.open();
        await release.promise;
        throw new Error('upstream refused');
      },
      notKept,
    );
    await running.promise;
    const repeat = service.run('scope', k, {}, async () => ({ status: 200, body: 'x' }), notKept);
    await repeats.started();
    release.open();
    await expect(first).rejects.toThrow('upstream refused');
    expect(answerOf(await repeat.catch((e) => e))).toEqual({
      status: 409,
      code: 'idempotency_retry',
    });
    repeats.restore();

    const retry = await service.run(
      'scope',
      k,
      {},
      async () => ({ status: 200, body: 'ok' }),
      notKept,
    );
    expect(retry).toEqual({ status: 200, body: 'ok', replayed: false });
  });

  it('an error kept as the answer is replayed to the repeat without running the work again', async () => {
    const k = key();
    const kept = { status: 504, body: { code: 'upstream_timeout' } };
    const first = await service
      .run(
        'scope',
        k,
        {},
        async () => Promise.reject(new Error('timeout')),
        () => kept,
      )
      .catch((e) => e);
    expect(first).toEqual(new Error('timeout'));
    const work = jest.fn(async () => ({ status: 200, body: { code: 'fine' } }));
    const repeat = await service.run('scope', k, {}, work, notKept);
    expect(repeat).toEqual({ ...kept, replayed: true });
    expect(work).not.toHaveBeenCalled();
  });

  it('a repeat gives up with 409 idempotency_in_progress when the first outlasts the wait', async () => {
    const k = key();
    const running = gate();
    const release = gate();
    const first = service.run(
      'scope',
      k,
      {},
      async () => {
        running.open();
        await release.promise;
        return { status: 200, body: 'late' };
      },
      notKept,
    );
    await running.promise;
    const waitMs = service.waitMs;
    service.waitMs = 300;
    try {
      const repeat = await service
        .run('scope', k, {}, async () => ({ status: 200, body: 'x' }), notKept)
        .catch((e) => e);
      expect(answerOf(repeat)).toEqual({ status: 409, code: 'idempotency_in_progress' });
    } finally {
      service.waitMs = waitMs;
      release.open();
    }
    await expect(first).resolves.toMatchObject({ body: 'late' });
  });

  it('forgets a key after 24 hours: the work runs again', async () => {
    const k = key();
    let runs = 0;
    const work = async () => ({ status: 200, body: ++runs });
    await service.run('scope', k, {}, work, notKept);
    await medium.database.db
      .update(idempotencyKeys)
      .set({ createdAt: sql`now() - interval '25 hours'` });
    const again = await service.run('scope', k, {}, work, notKept);
    expect(again).toEqual({ status: 200, body: 2, replayed: false });
  });
});
