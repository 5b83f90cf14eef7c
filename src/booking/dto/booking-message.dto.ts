// The booking webhook's two shapes: the replaced service's body, and GoHighLevel's InboundMessage.
import { Transform } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { ProviderPayload } from '../../common/validation/validation';

export const PHONE = /^\+?[1-9]\d{6,14}$/;
export const THREAD_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

@ProviderPayload()
export class BookingMessageDto {
  /** @example "Hi, I want to book an appointment" */
  @IsDefined()
  @IsString()
  @Length(1, 4096, { message: 'message must be 1–4096 characters' })
  message!: string;

  /** E.164, with or without the plus. @example "+1234567890" */
  @IsDefined()
  @Transform(trim)
  @IsString()
  @Matches(PHONE, { message: 'phone must be an international number such as +491701234567' })
  phone!: string;

  /** @example "thread_abc123" */
  @IsDefined()
  @IsString()
  @Matches(THREAD_ID, { message: 'thread_id must be 1–128 characters of A-Z a-z 0-9 _ . : -' })
  thread_id!: string;

  /** Legacy field of the replaced service; authentication is the ghl scheme's headers. */
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  signature?: string;
}

@ProviderPayload()
export class GhlInboundMessageDto {
  /** @example "InboundMessage" */
  @IsDefined()
  @IsIn(['InboundMessage'])
  type!: 'InboundMessage';

  /** @example "Hallo, ich möchte einen Termin buchen" */
  @IsDefined()
  @IsString()
  @Length(1, 4096, { message: 'body must be 1–4096 characters' })
  body!: string;

  /** @example "cI08i1Bls3iTB9bKgFJh" */
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  contactId!: string;

  /** Becomes the thread id. @example "fcanlLgpbQgQhderivVs" */
  @IsDefined()
  @IsString()
  @Matches(THREAD_ID, { message: 'conversationId must be 1–128 characters of A-Z a-z 0-9 _ . : -' })
  conversationId!: string;

  /** The sender's number. @example "+491701234567" */
  @IsOptional()
  @IsString()
  @Matches(PHONE, { message: 'from must be an international number such as +491701234567' })
  from?: string;

  /** Redeliveries carry the same id. @example "ft9LGsxxTEr8J7mx4sBq" */
  @IsOptional()
  @IsString()
  @MaxLength(128)
  messageId?: string;

  /** @example "WhatsApp" */
  @IsOptional()
  @IsString()
  messageType?: string;
}

export class BookingReceivedDto {
  /** @example "received" */
  status!: 'received';
  /** @example "thread_abc123" */
  thread_id!: string;
  /** `workflow` when BOOKING_WORKFLOW_URL is set, else `api-only`. */
  mode!: 'workflow' | 'api-only';
  request_id!: string;
  timestamp!: string;
  /** True when GoHighLevel redelivered a message already stored. */
  duplicate!: boolean;
}

export class BookingMetricsDto {
  /** Booking webhook requests since start (this replica). @example 120 */
  requests!: number;
  /** Of those, answered with an error other than 429. @example 2 */
  errors!: number;
  /** Of those, refused by the per-sender or per-client limit. @example 5 */
  rate_limited!: number;
  /** Threads with a message in the last 30 minutes (all replicas). @example 7 */
  active_threads!: number;
  /** @example 3600 */
  uptime_seconds!: number;
  timestamp!: string;
}

export class ThreadMessageDto {
  /** @example 17 */
  id!: number;
  /** `inbound` (from the sender) or `outbound` (the workflow's reply). */
  direction!: string;
  /** @example "Hi, I want to book an appointment" */
  message!: string;
  /** inbound: pending, processing, answered, failed, dead, stored; outbound: pending, sent, stored, failed. */
  status!: string;
  created_at!: string;
}

export class ThreadDto {
  /** @example "thread_abc123" */
  thread_id!: string;
  /** @example "+1234567890" */
  phone!: string;
  contact_id!: string | null;
  last_message_at!: string;
  messages!: ThreadMessageDto[];
}
