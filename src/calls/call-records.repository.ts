// Persistence of call records: creation by trigger-call, results and artefacts by post-call.
// Updates append to the status timeline in SQL, so concurrent webhooks never lose an entry.
import { Injectable } from '@nestjs/common';
import { eq, sql } from 'drizzle-orm';
import { DatabaseService, type Queryable } from '../database/database.service';
import { affectedRows } from '../database/query-result';
import { calls } from '../database/schema';
import type { CallRow, NewCall } from './call-row.types';
import type { CallArtefact, CallResults, TimelineEntry } from './call.types';
import { resolveCallForConversation, type ResolvedCall } from './link-call.resolver';
import { lockSubjects, subjectDigest, TOMBSTONE_CONDITION } from '../database/erasure-tombstones';
import { textToSql } from '../database/sql-executor';

export type { CallRow, NewCall } from './call-row.types';

const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

/** A change to one call, and the call to create when there is none yet. */
export interface CallChange {
  seed: CallSeed;
  change: CallUpdate;
  /**
   * The event the change comes from (carried in the timeline entry's detail as `event_id`): a
   * change applied once for it is not applied again, so a statement retried after a commit whose
   * answer was lost changes nothing.
   */
  onceFor: string;
  /**
   * When the event arrived: a call erased since then is not written (the change is dropped), so
   * work already in flight at an erasure cannot bring the call back.
   */
  receivedAt: Date;
}

export type CallSeed = Pick<
  NewCall,
  | 'conversationId'
  | 'campaignId'
  | 'candidateFirstName'
  | 'candidateLastName'
  | 'companyName'
  | 'mode'
  | 'status'
  | 'request'
>;

// The input row of a conflicting call is looked up by its id for what EXCLUDED cannot tell:
// whether the change sets a status, and the event it applies once for. Rows are locked in the
// calls' order, so two replicas writing overlapping batches wait for each other, not deadlock.
// A change for a call erased since its event arrived is dropped (erasure-tombstones.ts).
const APPLY_SQL = `
WITH input AS MATERIALIZED (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(
    conversation_id text, campaign_id text, candidate_first_name text, candidate_last_name text,
    company_name text, mode text, seed_status text, request jsonb, status text, entry jsonb,
    results jsonb, artefacts jsonb, once_for text, subject_digest text, received_at timestamptz)
  WHERE NOT ${TOMBSTONE_CONDITION('i.subject_digest', 'i.received_at')}
)
INSERT INTO calls AS c (conversation_id, campaign_id, candidate_first_name, candidate_last_name,
  company_name, mode, status, request, timeline, results, artefacts)
SELECT conversation_id, campaign_id, candidate_first_name, candidate_last_name, company_name,
  mode, coalesce(status, seed_status), request, jsonb_build_array(entry), results,
  coalesce(artefacts, '{}'::jsonb)
FROM input ORDER BY conversation_id
ON CONFLICT (conversation_id) DO UPDATE SET
  status = coalesce((SELECT i.status FROM input i WHERE i.conversation_id = excluded.conversation_id), c.status),
  timeline = c.timeline || excluded.timeline,
  results = CASE WHEN excluded.results IS NULL THEN c.results
    ELSE coalesce(c.results, '{}'::jsonb) || excluded.results END,
  artefacts = c.artefacts || excluded.artefacts,
  updated_at = now()
WHERE NOT EXISTS (SELECT 1 FROM input i
  WHERE i.conversation_id = excluded.conversation_id AND i.once_for IS NOT NULL
    AND c.timeline @> jsonb_build_array(jsonb_build_object('detail', jsonb_build_object('event_id', i.once_for))))`;

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
   * Applies changes to calls in one statement, creating a call from its change's `seed` when
   * unknown. A change with `onceFor` (an event id, carried in its timeline entry's detail as
   * `event_id`) is not applied again once applied for that event: a job rerun changes nothing.
   * At most one change per call: PostgreSQL refuses to update a row twice in one statement.
   * Runs under the calls' erasure locks (erasure-tombstones.ts): an erasure either commits first
   * (and the change is dropped) or waits for this write and removes it.
   */
  async apply(changes: readonly CallChange[]): Promise<void> {
    if (changes.length === 0) return;
    const input = changes.map(({ seed, change, onceFor, receivedAt }) => ({
      conversation_id: seed.conversationId,
      campaign_id: seed.campaignId,
      candidate_first_name: seed.candidateFirstName,
      candidate_last_name: seed.candidateLastName,
      company_name: seed.companyName,
      mode: seed.mode,
      seed_status: seed.status,
      request: seed.request,
      status: change.status ?? null,
      entry: change.timeline,
      results: change.results ?? null,
      artefacts: change.artefacts ?? null,
      once_for: onceFor ?? null,
      subject_digest: subjectDigest(seed.conversationId),
      received_at: receivedAt.toISOString(),
    }));
    await this.database.transaction(async (tx) => {
      await lockSubjects(
        tx,
        changes.map((c) => c.seed.conversationId),
      );
      await tx.execute(textToSql(APPLY_SQL, [JSON.stringify(input)]));
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
