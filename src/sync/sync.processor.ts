// Processing of one sync event: verify against the source when it is configured (the source's
// current state wins over the event), write or tombstone the local copy, drop the cached read.
import { Injectable } from '@nestjs/common';
import { NotionClient, isGone } from '../integrations/notion/notion.client';
import { SupabaseClient, type SourceRecord } from '../integrations/supabase/supabase.client';
import type { EventRow } from '../events/event.types';
import { RecordCache } from './record-cache';
import type { SyncChange } from './sync-change';
import { SyncRecords } from './sync-records.repository';

export interface SyncOutcome extends Record<string, unknown> {
  verified: boolean;
  action: 'upserted' | 'tombstoned' | 'skipped_stale';
  version: string | null;
  reason?: string;
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
    private readonly records: SyncRecords,
    private readonly cache: RecordCache,
  ) {}

  async handle(event: Pick<EventRow, 'id' | 'payload'>): Promise<SyncOutcome> {
    const change = (event.payload as { change: SyncChange }).change;
    const current = await this.fetchCurrent(change);
    const write = current
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
    const applied = await this.records.apply({
      source: change.source,
      table: change.table,
      recordId: change.recordId,
      eventId: event.id,
      ...write,
    });
    this.cache.invalidate(RecordCache.key(change.source, change.table, change.recordId));
    return {
      verified: write.verified,
      action: !applied ? 'skipped_stale' : write.deleted ? 'tombstoned' : 'upserted',
      version: write.version,
      ...(current ? {} : { reason: 'source verification not configured' }),
    };
  }

  /** The source's current state, or null when it cannot be asked (no credentials, no API). */
  private async fetchCurrent(change: SyncChange): Promise<SourceRecord | null> {
    if (change.source === 'supabase') {
      if (!this.supabase.configured) return null;
      const table = change.table.includes('.')
        ? change.table.split('.').slice(1).join('.')
        : change.table;
      return this.supabase.getRecord(table, change.recordId);
    }
    if (!this.notion.configured || !NOTION_FETCHABLE.has(change.table)) return null;
    try {
      return await this.notion.getEntity(change.table, change.recordId);
    } catch (error) {
      if (isGone(error)) return { found: false };
      throw error;
    }
  }
}
