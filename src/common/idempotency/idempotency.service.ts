// `Idempotency-Key`: the first request with a key does the work and its answer is stored; a
// repeat within 24 h gets that answer. A repeat that arrives while the first is still running
// waits for it, so concurrent retries never do the work twice.
import { Injectable } from '@nestjs/common';
import { and, eq, lt, sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { DatabaseService, type Queryable } from '../../database/database.service';
import { affectedRows } from '../../database/query-result';
import { idempotencyKeys } from '../../database/schema';
import { ApiException } from '../errors/api.exception';

const RETENTION = sql`now() - interval '24 hours'`;
const WAIT_MS = 60_000;
const POLL_MS = 100;

export interface StoredAnswer<T> {
  status: number;
  body: T;
  replayed: boolean;
}

@Injectable()
export class IdempotencyService {
  constructor(private readonly database: DatabaseService) {}

  /** How long a repeat waits for a first request still running (a test shortens it). */
  waitMs = WAIT_MS;

  static readonly KEY = /^[A-Za-z0-9_.:-]{1,255}$/;

  /**
   * Runs `work` once per (scope, key). `keepOnError` decides whether a failure is the answer
   * (e.g. an upstream timeout after which the call may have been placed) or may be retried.
   */
  async run<T>(
    scope: string,
    key: string,
    request: unknown,
    work: () => Promise<{ status: number; body: T }>,
    keepOnError: (error: unknown) => { status: number; body: T } | null,
  ): Promise<StoredAnswer<T>> {
    if (!IdempotencyService.KEY.test(key)) {
      throw ApiException.badRequest(
        'invalid_idempotency_key',
        'Invalid Idempotency-Key',
        'Idempotency-Key must be 1–255 characters of A-Z a-z 0-9 _ . : -',
      );
    }
    const requestHash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
    const db = this.database.db;
    await db
      .delete(idempotencyKeys)
      .where(
        and(
          eq(idempotencyKeys.scope, scope),
          eq(idempotencyKeys.key, key),
          lt(idempotencyKeys.createdAt, RETENTION),
        ),
      );
    const claimed = await db
      .insert(idempotencyKeys)
      .values({ scope, key, requestHash, status: 'pending' })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) return this.awaitFirst<T>(scope, key, requestHash);

    try {
      const answer = await work();
      await this.finish(scope, key, answer);
      return { ...answer, replayed: false };
    } catch (error) {
      const kept = keepOnError(error);
      if (kept) await this.finish(scope, key, kept);
      else
        await db
          .delete(idempotencyKeys)
          .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
      throw error;
    }
  }

  private async finish(
    scope: string,
    key: string,
    answer: { status: number; body: unknown },
  ): Promise<void> {
    await this.database.db
      .update(idempotencyKeys)
      .set({ status: 'done', responseStatus: answer.status, responseBody: answer.body })
      .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  }

  private async awaitFirst<T>(
    scope: string,
    key: string,
    requestHash: string,
  ): Promise<StoredAnswer<T>> {
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const [row] = await this.database.db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
      if (row && row.requestHash !== requestHash) {
        throw ApiException.conflict(
          'This Idempotency-Key was used with a different request body',
          'idempotency_key_reused',
        );
      }
      if (row?.status === 'done')
        return { status: row.responseStatus ?? 200, body: row.responseBody as T, replayed: true };
      if (!row)
        throw ApiException.conflict(
          'The first request with this Idempotency-Key failed; retry it',
          'idempotency_retry',
        );
      if (Date.now() > deadline)
        throw ApiException.conflict(
          'A request with this Idempotency-Key is still in progress',
          'idempotency_in_progress',
        );
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** Erasure: remembered answers that mention `id`; the number removed. */
  async eraseMentions(q: Queryable, id: string): Promise<number> {
    return affectedRows(
      await q.execute(
        sql`DELETE FROM idempotency_keys WHERE strpos(coalesce(response_body::text, ''), ${id}) > 0`,
      ),
    );
  }
}
