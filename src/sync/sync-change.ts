// The one shape every sync payload becomes: what changed, where, and as of when.
import { createHash } from 'node:crypto';
import type { NotionEventDto, SupabaseWebhookDto, SyncEnvelopeDto } from './dto/sync-payloads.dto';

export type ChangeKind = 'insert' | 'update' | 'delete';

export interface SyncChange {
  source: 'supabase' | 'notion';
  kind: ChangeKind;
  /** Supabase table, or the Notion entity type (page, database, …). */
  table: string;
  recordId: string;
  /** The record as the payload carries it (Notion events carry none). */
  data: Record<string, unknown> | null;
  /** Orders changes of one record: Supabase `updated_at`, Notion `timestamp`, envelope `timestamp`. */
  version: string | null;
  /** Notion's event type, e.g. page.properties_updated. */
  providerType?: string;
  attempt?: number;
  dedupKey: string;
}

const digest = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);

function recordVersion(record: Record<string, unknown> | null | undefined): string | null {
  const value = record?.updated_at ?? record?.updatedAt;
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : null;
}

export function fromSupabase(payload: SupabaseWebhookDto): SyncChange | { missing: string } {
  const row = payload.type === 'DELETE' ? payload.old_record : payload.record;
  const id = row?.id;
  if (typeof id !== 'string' && typeof id !== 'number') {
    return { missing: payload.type === 'DELETE' ? 'old_record.id' : 'record.id' };
  }
  const kind = payload.type.toLowerCase() as ChangeKind;
  const version = recordVersion(row);
  const table =
    payload.schema && payload.schema !== 'public'
      ? `${payload.schema}.${payload.table}`
      : payload.table;
  return {
    source: 'supabase',
    kind,
    table,
    recordId: String(id),
    data: payload.type === 'DELETE' ? null : (payload.record ?? null),
    version,
    dedupKey: `supabase:${table}:${String(id)}:${kind}:${version ?? digest(payload)}`,
  };
}

export function fromEnvelope(payload: SyncEnvelopeDto): SyncChange {
  return {
    source: payload.source,
    kind: payload.event_type,
    table: payload.table_name,
    recordId: payload.record_id,
    data: payload.event_type === 'delete' ? null : (payload.data ?? {}),
    version: payload.timestamp ?? null,
    dedupKey: `envelope:${payload.source}:${payload.table_name}:${payload.record_id}:${payload.event_type}:${payload.timestamp ?? digest(payload)}`,
  };
}

export function fromNotion(payload: NotionEventDto): SyncChange {
  const action = payload.type.split('.')[1];
  const kind: ChangeKind =
    action === 'created' ? 'insert' : action === 'deleted' ? 'delete' : 'update';
  return {
    source: 'notion',
    kind,
    table: payload.entity.type,
    recordId: payload.entity.id,
    data: null,
    version: payload.timestamp,
    providerType: payload.type,
    attempt: payload.attempt_number,
    dedupKey: `notion:${payload.id}`,
  };
}
