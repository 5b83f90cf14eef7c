import { SyncEnvelopeDto } from './sync-payloads.dto';

export class StatsDto {
  /** Events processed successfully. @example 1980 */
  total_processed!: number;
  /** Events whose last attempt failed (retry pending) or that were dead-lettered. @example 3 */
  total_failed!: number;
  /** Fraction (0–1) of finished events that succeeded, as the old service answered. @example 0.9985 */
  success_rate!: number;
  /** @example 0.012 */
  average_processing_time_seconds!: number;
  /** Events by change kind: insert, update, delete. @example {"insert":1200,"update":700,"delete":83} */
  events_by_type!: Record<string, number>;
  /** Notion's own event types (native Notion events only). @example {"page.created":40,"page.properties_updated":120} */
  events_by_provider_type!: Record<string, number>;
  /** @example {"supabase":1500,"notion":483} */
  events_by_source!: Record<string, number>;
  /** Attempts beyond the first, over all events, summed across replays (never goes down). @example 4 */
  total_retries!: number;
  /** Events that exhausted SYNC_MAX_ATTEMPTS. @example 1 */
  dead_lettered!: number;
  /** Received or processing, not yet finished. @example 0 */
  queued!: number;
}

export class TestRunResponseDto {
  /** `valid`, or `failed` when asking the source failed (see `error`). @example "valid" */
  status!: 'valid' | 'failed';
  /** @example "Webhook payload is valid" */
  message!: string;
  /** Always true: nothing was recorded, mirrored or counted. */
  dry_run!: true;
  /** The payload would be accepted and queued by the webhook routes. */
  would_be_processed!: boolean;
  /** The validated envelope. */
  parsed_payload!: SyncEnvelopeDto;
  /** What processing would do: `upserted`, `tombstoned` or `skipped_stale`, and whether the source confirmed it. */
  outcome!: Record<string, unknown> | null;
  error!: string | null;
  /** @example 4 */
  processing_ms!: number;
}

export class NotionHandshakeDto {
  /** @example "secret_example_verification_token" */
  verification_token!: string;
  first_received_at!: string;
  last_received_at!: string;
  /** Handshakes that carried this token. @example 1 */
  count!: number;
  /** Client addresses it came from (up to 10). @example ["203.0.113.7"] */
  source_addresses!: string[];
  /** True when NOTION_VERIFICATION_TOKEN is set to this token. */
  configured!: boolean;
}

export class NotionVerificationDto {
  /**
   * The token to configure: the configured one once it arrived, else the only one received;
   * null while none or several different tokens arrived (see `handshakes` and `warning`).
   * @example "secret_example_verification_token"
   */
  verification_token!: string | null;
  /** When that token last arrived. */
  received_at!: string | null;
  /** True when NOTION_VERIFICATION_TOKEN is set to that token. */
  configured!: boolean;
  /** Every distinct token received (unsigned, so anyone can post one), newest first. */
  handshakes!: NotionHandshakeDto[];
  /** Set when several different tokens arrived. */
  warning!: string | null;
}

export class HandshakeResponseDto {
  /** @example "success" */
  status!: 'success';
  /** @example "Verification token received; configure it as NOTION_VERIFICATION_TOKEN" */
  message!: string;
}

export class SyncRecordDto {
  /** @example "supabase" */
  source!: string;
  /** @example "applicants" */
  table!: string;
  /** @example "42" */
  record_id!: string;
  data!: Record<string, unknown> | null;
  deleted!: boolean;
  /** True when the last write was checked against the source. */
  verified!: boolean;
  source_updated_at!: string | null;
  updated_at!: string;
  /** True when served from this replica's cache. */
  cached!: boolean;
}
