import { Type } from 'class-transformer';
import {
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

const STATUSES = ['received', 'processing', 'processed', 'failed', 'dead'] as const;
type Status = (typeof STATUSES)[number];

/** The filters of the event log; the list takes them as query, bulk replay as body. */
export class EventFiltersDto {
  /** supabase, notion, elevenlabs, generic, booking, … @example "supabase" */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  source?: string;

  @IsOptional()
  @IsIn(STATUSES)
  status?: Status;

  /** The provider's event type. @example "INSERT" */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  type?: string;

  /** Received at or after (ISO 8601). @example "2026-11-20T00:00:00Z" */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  /** Received at or before (ISO 8601). @example "2026-11-23T23:59:59Z" */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;

  /** Record id, conversation id, thread id or campaign id the event concerns. @example "42" */
  @IsOptional()
  @IsString()
  @MaxLength(256)
  subject?: string;
}

export class EventListQueryDto extends EventFiltersDto {
  /** `next_cursor` of the previous page. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
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

export class ReplayOneDto {
  /** Why, kept in the event's attempt history. @example "Supabase was down" */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason?: string;
}

/** A bulk replay cursor: `{after}-{until}`, two event sequence numbers. */
export const REPLAY_CURSOR = /^\d{1,15}-\d{1,15}$/;

export class BulkReplayDto extends EventFiltersDto {
  /** Events to queue at most (oldest first). @example 100 */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  /** Why, kept in each event's attempt history. @example "Notion outage over" */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason?: string;

  /**
   * The previous answer's `cursor`, to go on with a bulk replay: each event is taken at most once
   * per chain, also when it fails again meanwhile. Without it a new chain begins.
   * @example "1042-20817"
   */
  @IsOptional()
  @Matches(REPLAY_CURSOR)
  cursor?: string;
}

export class ActivityQueryDto {
  /** Hours back from now. @example 24 */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(720)
  hours?: number;

  /** Comma list of sources. @example "supabase,notion" */
  @IsOptional()
  @Matches(/^[a-z0-9_,-]{1,200}$/)
  sources?: string;
}

export class EventSummaryDto {
  id!: string;
  /** @example "supabase" */
  source!: string;
  /** @example "insert" */
  type!: string;
  /** received, processing, processed, failed or dead. @example "processed" */
  status!: string;
  /** Record id, conversation id, thread id or campaign id. @example "42" */
  subject!: string | null;
  /** Attempts of the current run (reset by a replay). @example 1 */
  attempts!: number;
  last_error!: string | null;
  processing_ms!: number | null;
  received_at!: string;
  processed_at!: string | null;
  request_id!: string | null;
  outcome!: Record<string, unknown> | null;
  payload?: unknown;
}

export class AttemptDto {
  /** When the attempt started or the replay was asked for. */
  at!: string;
  /** `attempt` or `replay`. */
  kind!: string;
  /** Attempts: processed, failed or dead. */
  outcome?: string;
  duration_ms?: number;
  error?: string;
  /** Replays: the reason given. */
  reason?: string;
  request_id?: string;
}

export class EventDetailDto extends EventSummaryDto {
  declare payload: unknown;
  /** As received; credentials and signatures are `[redacted]`. @example {"content-type":"application/json","authorization":"[redacted]"} */
  headers!: Record<string, string> | null;
  /** Every processing attempt and replay, oldest first. */
  attempt_history!: AttemptDto[];
  /** True when the source has processing, so the event can be replayed. */
  replayable!: boolean;
}

export class EventDetailResponseDto {
  /** @example "success" */
  status!: 'success';
  data!: EventDetailDto;
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

export class BulkReplayResponseDto {
  /** @example "accepted" */
  status!: 'accepted';
  /** Events put back in their queue by this request. @example 12 */
  queued!: number;
  event_ids!: string[];
  /** More failed or dead events match; send the request again, with `cursor`, for the next batch. */
  more!: boolean;
  /** Send it back as `cursor` for the next batch; null once the chain is done. */
  cursor!: string | null;
}

export class ActivityBucketDto {
  /** Start of the hour. */
  start!: string;
  received!: number;
  processed!: number;
  failed!: number;
  dead!: number;
}

export class ActivityResponseDto {
  /** @example "success" */
  status!: 'success';
  data!: ActivityBucketDto[];
}
