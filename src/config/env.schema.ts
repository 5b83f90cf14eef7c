// The environment contract: every variable the app reads, its default and its rule.
// README's configuration table and .env.example are generated from this file (npm run docs).
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { BYTE_SIZE, emptyToUndefined, toBool, toInt, URL_OPTS } from './env.transforms';

/** One property per variable; the doc comment is the README's "meaning" column. */
export class EnvironmentVariables {
  /** `development`, `production` or `test`; production refuses to start without secrets. */
  @IsIn(['development', 'production', 'test'])
  NODE_ENV = 'development';

  /** TCP port to listen on. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Interface to bind. */
  @IsString()
  HOST = '0.0.0.0';

  /** Base of `download_url` and `conversation_link`. */
  @IsUrl(URL_OPTS)
  PUBLIC_BASE_URL = 'http://localhost:3000';

  /** pino level: trace, debug, info, warn, error, fatal or silent. */
  @IsIn(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'])
  LOG_LEVEL = 'info';

  /** Embedded database and payload files. */
  @IsString()
  DATA_DIR = './data';

  /** PostgreSQL connection string; unset = embedded PGlite in `DATA_DIR`. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, {
    message: 'DATABASE_URL must start with postgres:// or postgresql://',
  })
  DATABASE_URL?: string;

  /** Redis for throttle counters shared by replicas; unset = in-memory. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must start with redis:// or rediss://' })
  REDIS_URL?: string;

  /** Comma list of origins allowed by CORS; empty = no CORS. */
  @IsString()
  CORS_ORIGINS = '';

  /** Comma list of bearer tokens HOC uses (several for rotation). Required in production. */
  @IsString()
  API_TOKENS = '';

  /** Bearer token for `/metrics`; unset = public. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  METRICS_TOKEN?: string;

  /** Requests per client per window (default throttler). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  THROTTLE_LIMIT = 30;

  /** Throttle window in seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  THROTTLE_TTL_SECONDS = 60;

  /** Per-client limit of machine-to-machine webhooks (post-call, sync). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  WEBHOOK_THROTTLE_LIMIT = 600;

  /** Booking messages per minute per sender phone (and per client). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  BOOKING_THROTTLE_LIMIT = 30;

  /** Default JSON body limit. */
  @Matches(BYTE_SIZE, { message: 'BODY_LIMIT must be a size like 1mb' })
  BODY_LIMIT = '1mb';

  /** Body limit of `POST /webhook/post-call` (base64 audio). */
  @Matches(BYTE_SIZE, { message: 'AUDIO_BODY_LIMIT must be a size like 50mb' })
  AUDIO_BODY_LIMIT = '50mb';

  /** Body limit of the Supabase and Notion webhooks. */
  @Matches(BYTE_SIZE, { message: 'SYNC_BODY_LIMIT must be a size like 100kb' })
  SYNC_BODY_LIMIT = '100kb';

  /** HOC's API base. */
  @IsUrl(URL_OPTS)
  HOC_API_URL = 'https://high-office.hirings.cloud/api/v1';

  /** Bearer token for HOC's API. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  HOC_API_KEY?: string;

  /** Upload built campaign packages to HOC (through the job queue). */
  @Transform(toBool)
  @IsBoolean()
  HOC_UPLOAD_ENABLED = false;

  /** Timeout of one HOC request in ms. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  HOC_TIMEOUT_MS = 10000;

  /** ElevenLabs API base (the SDK's base URL). */
  @IsUrl(URL_OPTS)
  ELEVENLABS_API_URL = 'https://api.elevenlabs.io';

  /** ElevenLabs API key (`xi-api-key`). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  ELEVENLABS_API_KEY?: string;

  /** The voice agent that calls candidates. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  ELEVENLABS_AGENT_ID?: string;

  /** Default caller number id for outbound calls. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  ELEVENLABS_PHONE_NUMBER_ID?: string;

  /** `twilio` or `sip_trunk`. */
  @IsIn(['twilio', 'sip_trunk'])
  ELEVENLABS_TELEPHONY: 'twilio' | 'sip_trunk' = 'twilio';

  /** Timeout of one ElevenLabs request in ms. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  ELEVENLABS_TIMEOUT_MS = 15000;

  /** Comma list of post-call webhook secrets (several for rotation). */
  @IsString()
  ELEVENLABS_WEBHOOK_SECRETS = '';

  /** Agent persona name in prompt and first message. */
  @IsString()
  AGENT_NAME = 'Susi';

  /** Agent language (`de` or `en` templates). */
  @IsString()
  AGENT_LANGUAGE = 'de';

  /** Signs talk-page tokens. Required in production. */
  @IsString()
  LINK_SECRET = '';

  /** Lifetime of a talk link in hours. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LINK_TTL_HOURS = 72;

  /** Shared secret / HMAC key of the Supabase and envelope sync routes. */
  @IsString()
  SYNC_WEBHOOK_SECRET = '';

  /** `false` skips sync signature checks (development only; refused in production). */
  @Transform(toBool)
  @IsBoolean()
  VERIFY_WEBHOOK_SIGNATURES = true;

  /** Key of `X-Notion-Signature`, copied by the operator from the handshake. */
  @IsString()
  NOTION_VERIFICATION_TOKEN = '';

  /** Supabase project URL for source verification. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl(URL_OPTS)
  SUPABASE_URL?: string;

  /** Supabase service key for source verification. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  SUPABASE_KEY?: string;

  /** Notion integration token for source verification. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  NOTION_API_KEY?: string;

  /** Notion API base. */
  @IsUrl(URL_OPTS)
  NOTION_API_URL = 'https://api.notion.com';

  /** `Notion-Version` header. */
  @IsString()
  NOTION_VERSION = '2022-06-28';

  /** Timeout of one source-verification request in ms. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  SYNC_SOURCE_TIMEOUT_MS = 5000;

  /** Processing attempts of a sync event before it is dead-lettered. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  SYNC_MAX_ATTEMPTS = 3;

  /** First retry delay in seconds; doubles each attempt. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SYNC_RETRY_DELAY_SECONDS = 2;

  /** A sync job running longer is presumed lost with its replica and handed to another. */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  SYNC_JOB_TIMEOUT_SECONDS = 60;

  /** HMAC key of the booking webhook (`X-Webhook-Signature`). */
  @IsString()
  BOOKING_WEBHOOK_SECRET = '';

  /** GoHighLevel's webhook public key (PEM or base64 DER; Ed25519 or RSA). */
  @IsString()
  GHL_WEBHOOK_PUBLIC_KEY = '';

  /** GoHighLevel API base. */
  @IsUrl(URL_OPTS)
  GHL_API_URL = 'https://services.leadconnectorhq.com';

  /** GoHighLevel token; set = workflow replies are sent back over WhatsApp. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  GHL_API_TOKEN?: string;

  /** Booking workflow endpoint; unset = API-only mode. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl(URL_OPTS)
  BOOKING_WORKFLOW_URL?: string;

  /** Timeout of one workflow / GoHighLevel request in ms. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  BOOKING_TIMEOUT_MS = 15000;

  /** Attempts to hand a booking message to the workflow (or send a reply) before it is dead-lettered. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  BOOKING_MAX_ATTEMPTS = 5;

  /** First retry delay of booking jobs in seconds; doubles each attempt. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  BOOKING_RETRY_DELAY_SECONDS = 2;

  /** Transcripts, audio and failures; default `DATA_DIR/payloads`. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  PAYLOAD_DIR?: string;
}
