import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class ListQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class CallListQueryDto extends ListQueryDto {
  /** initiated, link_created, completed or failed. @example "completed" */
  @IsOptional()
  @IsString()
  @MaxLength(40)
  status?: string;

  /** @example "123" */
  @IsOptional()
  @IsString()
  @MaxLength(128)
  campaign_id?: string;
}

export class RecordListQueryDto extends ListQueryDto {
  /** @example "supabase" */
  @IsOptional()
  @IsString()
  @MaxLength(40)
  source?: string;

  /** @example "applicants" */
  @IsOptional()
  @IsString()
  @MaxLength(128)
  table?: string;

  /** @example "42" */
  @IsOptional()
  @IsString()
  @MaxLength(256)
  record_id?: string;
}

export class CallListItemDto {
  conversation_id!: string;
  campaign_id!: string;
  first_name!: string;
  last_name!: string;
  company!: string;
  mode!: string;
  status!: string;
  has_audio!: boolean;
  created_at!: Date;
  updated_at!: Date;
}

export class CampaignListItemDto {
  campaign_id!: string;
  company_name!: string;
  question_count!: number;
  upload_status!: string;
  updated_at!: Date;
}

export class ThreadListItemDto {
  thread_id!: string;
  phone!: string;
  last_message_at!: Date;
  messages!: number;
}

export class RecordListItemDto {
  source!: string;
  table!: string;
  record_id!: string;
  deleted!: boolean;
  verified!: boolean;
  updated_at!: Date;
}

export class CallListResponseDto {
  /** @example "success" */
  status!: 'success';
  data!: CallListItemDto[];
}

export class CampaignListResponseDto {
  /** @example "success" */
  status!: 'success';
  data!: CampaignListItemDto[];
}

export class ThreadListResponseDto {
  /** @example "success" */
  status!: 'success';
  data!: ThreadListItemDto[];
}

export class RecordListResponseDto {
  /** @example "success" */
  status!: 'success';
  data!: RecordListItemDto[];
}
