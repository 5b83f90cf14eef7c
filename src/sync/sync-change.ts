// The one shape every sync payload becomes: what changed, where, and as of when. Deduplication
// uses only an identity the sender gives (Notion's event id, a `webhook-id` / `Idempotency-Key`
// header), never the body: the same row state twice (UPDATE A→B, B→A, A→B) is three events.
import { createHash } from 'node:crypto';
import { dedupKeyFor } from '../events/delivery-identity';
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
  /** What to fetch from Notion's API: the native event's entity type; `page` for envelopes. */
  notionEntity?: string;
  /** Notion's event type, e.g. page.properties_updated. */
  providerType?: string;
  attempt?: number;
  dedupKey: string;
  /** Supabase: the table's key column that `recordId` came from. */
  keyColumn?: string;
  /** Supabase: the row lacked its key column; `recordId` is derived from the row's content. */
  keyDerived?: boolean;
}

/** Which column keys a Supabase table (default `id`); the name as in `table` or `schema.table`. */
export type KeyColumnOf = (table: string) => string;

function recordVersion(record: Record<string, unknown> | null | undefined): string | null {
  const value = record?.updated_at ?? record?.updatedAt;
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : null;
}

/** A stable key for a row without its key column, so the change is kept, not refused. */
function derivedKey(row: unknown): string {
  return `derived:${createHash('sha256')
    .update(JSON.stringify(row ?? null))
    .digest('hex')
    .slice(0, 32)}`;
}

export function fromSupabase(
  payload: SupabaseWebhookDto,
  keyColumnOf: KeyColumnOf = () => 'id',
  identity?: string,
): SyncChange {
  const row = payload.type === 'DELETE' ? payload.old_record : payload.record;
  const kind = payload.type.toLowerCase() as ChangeKind;
  const table =
    payload.schema && payload.schema !== 'public'
      ? `${payload.schema}.${payload.table}`
      : payload.table;
  const keyColumn = keyColumnOf(table);
  const key = row?.[keyColumn];
  const keyed = typeof key === 'string' || typeof key === 'number';
  return {
    source: 'supabase',
    kind,
    table,
    recordId: keyed ? String(key) : derivedKey(row),
    data: payload.type === 'DELETE' ? null : (payload.record ?? null),
    version: recordVersion(row),
    dedupKey: dedupKeyFor(`supabase:${table}`, identity),
    keyColumn,
    ...(keyed ? {} : { keyDerived: true }),
  };
}

export function fromEnvelope(payload: SyncEnvelopeDto, identity?: string): SyncChange {
  return {
    source: payload.source,
    kind: payload.event_type,
    table: payload.table_name,
    recordId: payload.record_id,
    data: payload.event_type === 'delete' ? null : (payload.data ?? {}),
    version: payload.timestamp ?? null,
    // The old sync service's Notion envelopes: table_name is the database, record_id the page.
    ...(payload.source === 'notion' ? { notionEntity: 'page' } : {}),
    dedupKey: dedupKeyFor(`envelope:${payload.source}:${payload.table_name}`, identity),
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
    notionEntity: payload.entity.type,
    providerType: payload.type,
    attempt: payload.attempt_number,
    dedupKey: `notion:${payload.id}`,
  };
}
