// Processing of one sync event: verify against the source when it is configured (the source's
// current state wins over the event), write or tombstone the local copy, drop the cached read.
import { Injectable } from '@nestjs/common';
import { NotionClient, isGone } from '../integrations/notion/notion.client';
import { SupabaseClient, type SourceRecord } from '../integrations/supabase/supabase.client';
import type { EventRow } from '../events/event.types';
import { RecordCache } from './record-cache';
import type { SyncChange } from './sync-change';
import { SyncRecordsRepository } from './sync-records.repository';

export interface SyncOutcome extends Record<string, unknown> {
  verified: boolean;
  action: 'upserted' | 'tombstoned' | 'skipped_stale';
  version: string | null;
  reason?: string;
}

/** The write one change leads to, after asking its source. */
interface PlannedWrite {
  data: Record<string, unknown> | null;
  deleted: boolean;
  verified: boolean;
  version: string | null;
}

/** Notion entity types the API can fetch; others are mirrored as the event tells. */
const NOTION_FETCHABLE = new Set(['page', 'database']);

const versionOf = (data: Record<string, unknown>): string | null => {
  const value = data.updated_at ?? data.last_edited_time;
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : null;
};

@Injectable()
export class SyncProcessor {
  constructor(
    private readonly supabase: SupabaseClient,
    private readonly notion: NotionClient,
    private readonly records: SyncRecordsRepository,
    private readonly cache: RecordCache,
  ) {}

  async handle(event: Pick<EventRow, 'id' | 'payload'> & { seq?: number }): Promise<SyncOutcome> {
    const change = (event.payload as { change: SyncChange }).change;
    const write = await this.plan(change);
    const applied = await this.records.apply({
      source: change.source,
      table: change.table,
      recordId: change.recordId,
      eventId: event.id,
      arrivalSeq: event.seq ?? null,
      ...write,
    });
    this.cache.invalidate(RecordCache.key(change.source, change.table, change.recordId));
    return this.outcome(change, write, applied);
  }

  /** `handle` without any write: asks the source (reads only) and says what would be done. */
  async dryRun(change: SyncChange): Promise<SyncOutcome> {
    const write = await this.plan(change);
    const applies = await this.records.wouldApply({
      source: change.source,
      table: change.table,
      recordId: change.recordId,
      deleted: write.deleted,
      version: write.version,
    });
    return this.outcome(change, write, applies);
  }

  private async plan(change: SyncChange): Promise<PlannedWrite> {
    const current = await this.fetchCurrent(change);
    return current
      ? {
          data: current.found ? current.data : null,
          deleted: !current.found,
          verified: true,
          version: (current.found ? versionOf(current.data) : null) ?? change.version,
        }
      : {
          data: change.data,
          deleted: change.kind === 'delete',
          verified: false,
          version: change.version,
        };
  }

  private outcome(change: SyncChange, write: PlannedWrite, applied: boolean): SyncOutcome {
    return {
      verified: write.verified,
      action: !applied ? 'skipped_stale' : write.deleted ? 'tombstoned' : 'upserted',
      version: write.version,
      ...(write.verified ? {} : { reason: this.unverifiedReason(change) }),
      ...(change.keyDerived ? { key_derived: true, key_column: change.keyColumn } : {}),
    };
  }

  private unverifiedReason(change: SyncChange): string {
    if (change.keyDerived)
      return `the row has no key column '${change.keyColumn}': stored under a key derived from its content, not verified (set SUPABASE_PRIMARY_KEYS)`;
    return 'source verification not configured';
  }

  /** The source's current state, or null when it cannot be asked (no credentials, no API). */
  private async fetchCurrent(change: SyncChange): Promise<SourceRecord | null> {
    if (change.source === 'supabase') {
      if (!this.supabase.configured || change.keyDerived) return null;
      const table = change.table.includes('.')
        ? change.table.split('.').slice(1).join('.')
        : change.table;
      return this.supabase.getRecord(table, change.recordId, change.keyColumn ?? 'id');
    }
    // Native events name the entity type; envelopes name the database and carry a page id.
    const entity = change.notionEntity ?? change.table;
    if (!this.notion.configured || !NOTION_FETCHABLE.has(entity)) return null;
    try {
      return await this.notion.getEntity(entity, change.recordId);
    } catch (error) {
      if (isGone(error)) return { found: false };
      throw error;
    }
  }
}
