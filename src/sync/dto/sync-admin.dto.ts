import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

export class StatsDto {
  /** Events processed successfully. @example 1980 */
  total_processed!: number;
  /** Events whose last attempt failed (retry pending) or that were dead-lettered. @example 3 */
  total_failed!: number;
  /** Percent of finished events that succeeded. @example 99.85 */
  success_rate!: number;
  /** @example 0.012 */
  average_processing_time_seconds!: number;
  /** @example {"insert":1200,"update":700,"delete":83} */
  events_by_type!: Record<string, number>;
  /** @example {"supabase":1500,"notion":483} */
  events_by_source!: Record<string, number>;
  /** Attempts beyond the first, over all events. @example 4 */
  total_retries!: number;
  /** Events that exhausted SYNC_MAX_ATTEMPTS. @example 1 */
  dead_lettered!: number;
  /** Received or processing, not yet finished. @example 0 */
  queued!: number;
}

export class EventListQueryDto {
  /** supabase, notion, elevenlabs, generic, booking, … */
  @IsOptional()
  @IsString()
  source?: string;

  @IsOptional()
  @IsIn(['received', 'processing', 'processed', 'failed', 'dead'])
  status?: 'received' | 'processing' | 'processed' | 'failed' | 'dead';

  /** `next_cursor` of the previous page. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  cursor?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  /** `true` adds each event's stored payload. */
  @IsOptional()
  @IsIn(['true', 'false', '1', '0'])
  include_payload?: 'true' | 'false' | '1' | '0';
}

export class EventSummaryDto {
  id!: string;
  /** @example "supabase" */
  source!: string;
  /** @example "insert" */
  type!: string;
  /** received, processing, processed, failed or dead. @example "processed" */
  status!: string;
  /** @example 1 */
  attempts!: number;
  last_error!: string | null;
  processing_ms!: number | null;
  received_at!: string;
  processed_at!: string | null;
  request_id!: string | null;
  outcome!: Record<string, unknown> | null;
  payload!: unknown;
}

export class EventListDto {
  items!: EventSummaryDto[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  next_cursor!: number | null;
}

export class EventListResponseDto {
  /** @example "success" */
  status!: 'success';
  data!: EventListDto;
}

export class ReplayResponseDto {
  /** @example "accepted" */
  status!: 'accepted';
  /** @example "Event queued for processing again" */
  message!: string;
  event!: EventSummaryDto;
}

export class TestRunResponseDto {
  /** `success` when processing succeeded. @example "success" */
  status!: 'success' | 'failed';
  event_id!: string;
  outcome!: Record<string, unknown> | null;
  error!: string | null;
  /** @example 4 */
  processing_ms!: number;
}

export class NotionVerificationDto {
  /** @example "secret_example_verification_token" */
  verification_token!: string | null;
  received_at!: string | null;
  /** True when NOTION_VERIFICATION_TOKEN is set to this token. */
  configured!: boolean;
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
