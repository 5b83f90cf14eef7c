// Persistence of call records: creation by trigger-call, results and artefacts by post-call.
// Updates append to the status timeline in SQL, so concurrent webhooks never lose an entry.
import { Injectable } from '@nestjs/common';
import { eq, sql } from 'drizzle-orm';
import { DatabaseService, type Queryable } from '../database/database.service';
import { affectedRows } from '../database/query-result';
import { calls } from '../database/schema';
import type { CallArtefact, CallResults, TimelineEntry } from './call.types';
import { resolveCallForConversation, type ResolvedCall } from './link-call.resolver';

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
export class CallRecordsRepository {
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

  /** The call a post-call payload belongs to (a talk-page conversation's link call, else its own). */
  async forConversation(
    conversationId: string,
    dynamicVariables: Record<string, unknown>,
  ): Promise<ResolvedCall> {
    const resolved = await resolveCallForConversation(conversationId, dynamicVariables, (id) =>
      this.get(id),
    );
    // Audio webhooks carry no dynamic variables: a widget conversation's audio finds its link call
    // through the transcription that named it (looked up only when no call has this id itself).
    // A payload with dynamic variables but no reference is a phone call's: nothing to look up (the
    // probe below scans the link calls, far too costly for every webhook).
    if (resolved.linkCall || Object.keys(dynamicVariables).length > 0) return resolved;
    if (await this.get(conversationId)) return resolved;
    const probe = [{ detail: { elevenlabs_conversation_id: conversationId } }];
    const [linked] = await this.database.db
      .select({ conversationId: calls.conversationId })
      .from(calls)
      .where(sql`${calls.mode} = 'link' AND ${calls.timeline} @> ${json(probe)}`)
      .limit(1);
    return linked ? { callId: linked.conversationId, linkCall: true } : resolved;
  }

  /**
   * Applies a change to the call in one statement, creating it from `seed` when unknown. With
   * `onceFor` (an event id carried in the timeline entry's detail as `event_id`), a change
   * already applied for that event is not applied again: a job rerun changes nothing.
   */
  async apply(q: Queryable, seed: NewCall, change: CallUpdate, onceFor?: string): Promise<void> {
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
        ...(onceFor
          ? {
              setWhere: sql`NOT (${calls.timeline} @> ${json([{ detail: { event_id: onceFor } }])})`,
            }
          : {}),
      });
  }

  /** Erasure: the call record of a conversation; the number removed. */
  async erase(q: Queryable, conversationId: string): Promise<number> {
    return affectedRows(
      await q.execute(sql`DELETE FROM calls WHERE conversation_id = ${conversationId}`),
    );
  }

  /** Retention pruned an artefact: its link goes from the call (the call itself is kept). */
  async dropArtefactLink(q: Queryable, conversationId: string, kind: string): Promise<void> {
    await q.execute(sql`
      UPDATE calls SET artefacts = artefacts - ${kind}::text
       WHERE conversation_id = ${conversationId}`);
  }
}
