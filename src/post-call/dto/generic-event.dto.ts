import {
  IsDefined,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';

export class GenericEventDto {
  /** What happened, e.g. `user_signup`. @example "user_signup" */
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @Matches(/^[A-Za-z0-9_.:-]+$/, {
    message: 'event_type may contain letters, digits and _ . : - only',
  })
  event_type!: string;

  /** @example {"email":"user@example.com","name":"John Doe"} */
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;

  /** ISO 8601. @example "2026-11-20T15:00:00Z" */
  @IsOptional()
  @IsISO8601()
  timestamp?: string;

  /** @example "user_123" */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  user_id?: string;
}

export class GenericEventResultDataDto {
  processed!: true;
  /** @example "user_signup" */
  event_type!: string;
  /** Id of the stored event. */
  event_id!: string;
  /** True when a delivery with the same `webhook-id` / `Idempotency-Key` header was received before. */
  duplicate!: boolean;
}

export class GenericEventResponseDto {
  /** @example "success" */
  status!: 'success';
  /** @example "Payload of type 'user_signup' processed successfully" */
  message!: string;
  request_id!: string;
  data!: GenericEventResultDataDto;
}

export class EchoResponseDto {
  /** @example "success" */
  status!: 'success';
  /** @example "Echo received" */
  message!: string;
  request_id!: string;
  /** The validated payload; `timestamp` is the time of receipt when the payload had none. */
  data!: GenericEventDto;
}
