// What Supabase and Notion post, and the envelope of the replaced service. Provider payloads
// validate only the fields used; the envelope is ours and strict.
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ProviderPayload } from '../../common/validation/validation';

const NAME = /^[A-Za-z0-9_.-]{1,128}$/;

@ProviderPayload()
export class SupabaseWebhookDto {
  /** @example "INSERT" */
  @IsDefined()
  @IsIn(['INSERT', 'UPDATE', 'DELETE'])
  type!: 'INSERT' | 'UPDATE' | 'DELETE';

  /** @example "applicants" */
  @IsDefined()
  @IsString()
  @Matches(NAME, { message: 'table must be 1–128 characters of A-Z a-z 0-9 _ . -' })
  table!: string;

  /** @example "public" */
  @IsOptional()
  @IsString()
  @MaxLength(128)
  schema?: string;

  /** The row after the change (null for DELETE). */
  @IsOptional()
  @IsObject()
  record?: Record<string, unknown> | null;

  /** The row before the change (null for INSERT). */
  @IsOptional()
  @IsObject()
  old_record?: Record<string, unknown> | null;
}

export class SyncEnvelopeDto {
  /** @example "insert" */
  @IsDefined()
  @IsIn(['insert', 'update', 'delete'])
  event_type!: 'insert' | 'update' | 'delete';

  /** @example "supabase" */
  @IsDefined()
  @IsIn(['supabase', 'notion'])
  source!: 'supabase' | 'notion';

  /** @example "users" */
  @IsDefined()
  @IsString()
  @Matches(NAME, { message: 'table_name must be 1–128 characters of A-Z a-z 0-9 _ . -' })
  table_name!: string;

  /** @example "123" */
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  record_id!: string;

  /** @example {"email":"anna@example.com"} */
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;

  /** ISO 8601; orders changes of one record. @example "2026-11-20T15:00:00Z" */
  @IsOptional()
  @IsISO8601()
  timestamp?: string;
}

export class NotionEntityDto {
  /** @example "153104cd-477e-809d-8dc4-ff2d96ae3090" */
  @IsDefined()
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,64}$/, { message: 'entity.id must be a Notion id' })
  id!: string;

  /** page, database, data_source or comment. @example "page" */
  @IsDefined()
  @IsString()
  @Matches(/^[a-z_]{1,32}$/, { message: 'entity.type must be a Notion entity type' })
  type!: string;
}

@ProviderPayload()
export class NotionEventDto {
  /** The event id; redeliveries carry the same. @example "367cba44-b6f3-4c92-81e7-6a2e9659efd4" */
  @IsDefined()
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,64}$/, { message: 'id must be a Notion event id' })
  id!: string;

  /** @example "2026-11-20T10:00:00.000Z" */
  @IsDefined()
  @IsISO8601()
  timestamp!: string;

  /** @example "page.created" */
  @IsDefined()
  @IsString()
  @Matches(/^(page|database|data_source|comment)\.[a-z_]{1,40}$/, {
    message: 'type must be a Notion event type such as page.created',
  })
  type!: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => NotionEntityDto)
  entity!: NotionEntityDto;

  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;

  /** 1–8. @example 1 */
  @IsOptional()
  @IsInt()
  @Min(1)
  attempt_number?: number;
}

export class AcceptedDetailsDto {
  event_id!: string;
  /** @example "insert" */
  event_type!: string;
  /** @example "supabase" */
  source!: string;
  /** @example "42" */
  record_id!: string;
  /** @example "applicants" */
  table_name!: string;
  /** Notion envelopes only: the database (their `table_name`), as the old service answered. */
  database_id?: string;
  /** The event's own time (envelope or Notion `timestamp`, Supabase row `updated_at`); the receive time when it carries none. */
  timestamp!: string;
  /** True when this event was delivered before; it is not processed again. */
  duplicate!: boolean;
}

export class AcceptedResponseDto {
  /** @example "accepted" */
  status!: 'accepted';
  /** @example "Webhook payload received and queued for processing" */
  message!: string;
  details!: AcceptedDetailsDto;
}
