import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class AuditQueryDto {
  /** Only this client's or person's actions. @example "hoc-integration" */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;

  /** erase, replay, bulk_replay, setup_campaign, trigger_call, sign_in, sign_out, sign_in_failed. @example "erase" */
  @IsOptional()
  @IsString()
  @MaxLength(40)
  action?: string;

  /** @example "success" */
  @IsOptional()
  @IsIn(['success', 'failure'])
  outcome?: string;

  /** ISO time; rows at or after it. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  since?: Date;

  /** ISO time; rows at or before it. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  until?: Date;

  /** The previous page's `next_before`. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  before?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class AuditEntryDto {
  /** @example 42 */
  id!: number;
  at!: string;
  /** @example "erase" */
  action!: string;
  /** `client` or `person`; null on rows from before named clients. */
  actor_kind!: string | null;
  /** @example "privacy-desk" */
  actor!: string | null;
  /** @example "call" */
  target_kind!: string | null;
  /** SHA-256 where the id can name a person, else the id. */
  target!: string | null;
  /** @example "success" */
  outcome!: string;
  details!: Record<string, unknown>;
  request_id!: string | null;
  source_ip!: string | null;
}

export class AuditPageDto {
  entries!: AuditEntryDto[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  next_before!: number | null;
}

export class AuditResponseDto {
  /** @example "success" */
  status!: 'success';
  data!: AuditPageDto;
}

export class MeDto {
  /** @example "client" */
  kind!: 'client' | 'person';
  /** @example "hoc-integration" */
  name!: string;
  /** `*` or the scopes, e.g. ["campaigns","calls"]. */
  scopes!: string[];
  /** @example "bearer" */
  via!: 'bearer' | 'session';
}

export class MeResponseDto {
  /** @example "success" */
  status!: 'success';
  data!: MeDto;
}
