// Persistence of call records: creation by trigger-call, results and artefacts by post-call.
// Updates append to the status timeline in SQL, so concurrent webhooks never lose an entry.
import { Injectable } from '@nestjs/common';
import { eq, sql } from 'drizzle-orm';
import { DatabaseService, type Queryable } from '../database/database.service';
import { calls } from '../database/schema';
import type { CallArtefact, CallResults, TimelineEntry } from './call.types';

export type CallRow = typeof calls.$inferSelect;
export type NewCall = typeof calls.$inferInsert;

const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

export interface CallUpdate {
  status?: string;
  timeline: TimelineEntry;
  results?: CallResults;
  artefacts?: Record<string, CallArtefact>;
}

@Injectable()
export class CallRecords {
  constructor(private readonly database: DatabaseService) {}

  async create(call: NewCall, q: Queryable = this.database.db): Promise<void> {
    await q.insert(calls).values(call);
  }

  async get(conversationId: string): Promise<CallRow | undefined> {
    const [row] = await this.database.db
      .select()
      .from(calls)
      .where(eq(calls.conversationId, conversationId));
    return row;
  }

  /** Applies a change to the call in one statement, creating it from `seed` when unknown. */
  async apply(q: Queryable, seed: NewCall, change: CallUpdate): Promise<void> {
    await q
      .insert(calls)
      .values({
        ...seed,
        status: change.status ?? seed.status,
        timeline: [change.timeline],
        results: change.results ?? null,
        artefacts: change.artefacts ?? {},
      })
      .onConflictDoUpdate({
        target: calls.conversationId,
        set: {
          ...(change.status ? { status: change.status } : {}),
          timeline: sql`${calls.timeline} || ${json([change.timeline])}`,
          ...(change.results
            ? { results: sql`coalesce(${calls.results}, '{}'::jsonb) || ${json(change.results)}` }
            : {}),
          ...(change.artefacts
            ? { artefacts: sql`${calls.artefacts} || ${json(change.artefacts)}` }
            : {}),
          updatedAt: sql`now()`,
        },
      });
  }
}
