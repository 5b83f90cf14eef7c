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

/** Any printable text (no control or unassigned characters), e.g. WhatsApp JIDs or ids with `+`. */
export const THREAD_ID = /^[^\p{C}]{1,256}$/u;
const THREAD_ID_RULE = 'must be 1–256 printable characters';
/** What a phone number may look like before normalisation to E.164 (see phone.ts). */
const PHONE_TEXT = /^[\d\s+\-./()\u00a0]{3,40}$/;
const PHONE_RULE = 'must be a phone number such as +49 170 1234567 or 0170 1234567';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

@ProviderPayload()
export class BookingMessageDto {
  /** @example "Hi, I want to book an appointment" */
  @IsDefined()
  @IsString()
  @Length(1, 4096, { message: 'message must be 1–4096 characters' })
  message!: string;

  /**
   * Stored as E.164: spaces, dashes, brackets and a leading 00 are accepted; a national number
   * (leading 0) is read in BOOKING_DEFAULT_COUNTRY. @example "+1234567890"
   */
  @IsDefined()
  @Transform(trim)
  @IsString()
  @Matches(PHONE_TEXT, { message: `phone ${PHONE_RULE}` })
  phone!: string;

  /** Any printable id up to 256 characters, e.g. a WhatsApp JID. @example "thread_abc123" */
  @IsDefined()
  @IsString()
  @Matches(THREAD_ID, { message: `thread_id ${THREAD_ID_RULE}` })
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
  @Matches(THREAD_ID, { message: `conversationId ${THREAD_ID_RULE}` })
  conversationId!: string;

  /** The sender's number. @example "+491701234567" */
  @IsOptional()
  @IsString()
  @Matches(PHONE_TEXT, { message: `from ${PHONE_RULE}` })
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
  /** Booking webhook requests, all replicas, since the database was created. @example 120 */
  requests!: number;
  /** Requests answered with an error other than 429, plus messages whose workflow hand-off is failing (retry pending) or dead and replies GoHighLevel refused. @example 2 */
  errors!: number;
  /** Requests refused by the per-sender limit (all replicas, since the database was created). @example 5 */
  rate_limited!: number;
  /** Threads with a message in the last 30 minutes (all replicas). @example 7 */
  active_threads!: number;
  /** Of the replica that answers (the one per-process figure). @example 3600 */
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
  /** Why a reply was stored but not sent, e.g. no GoHighLevel contact with the sender's phone. */
  note!: string | null;
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

/** One earlier message of the thread, as the workflow gets it. */
export class WorkflowHistoryItemDto {
  /** @example "inbound" */
  direction!: 'inbound' | 'outbound';
  /** @example "Hi, I want to book an appointment" */
  message!: string;
  /** @example "2026-11-20T10:00:00.000Z" */
  at!: string;
}

/**
 * What this server POSTs to BOOKING_WORKFLOW_URL for each inbound message (JSON). Not a route of
 * this server: the contract the booking workflow implements.
 */
export class WorkflowRequestDto {
  /** @example "491709990001@s.whatsapp.net" */
  thread_id!: string;
  /** E.164. @example "+491709990001" */
  phone!: string;
  /** GoHighLevel contact, when known. @example "cI08i1Bls3iTB9bKgFJh" */
  contact_id!: string | null;
  /** @example "Kann ich morgen um 10 Uhr kommen?" */
  message!: string;
  /** Increases with arrival within the thread; a retry resends the same id. @example 17 */
  message_id!: number;
  /** Up to 20 earlier messages and replies of the thread, oldest first. */
  history!: WorkflowHistoryItemDto[];
}

/** The workflow's answer: 2xx with this JSON (or the reply as plain text). */
export class WorkflowReplyDto {
  /** Text sent back to the sender; `response`, `message` or `output` are read too. Empty or absent = no reply. @example "Gern, morgen 10 Uhr ist frei." */
  reply?: string;
}
