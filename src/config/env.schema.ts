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
import { normaliseLogLevel } from './env-aliases';
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

  /** Log level, any case: trace, debug, info, warn (or warning), error, fatal (or critical), silent. */
  @Transform(({ value }: { value: unknown }) => normaliseLogLevel(value))
  @IsIn(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'])
  LOG_LEVEL = 'info';

  /** Embedded database (one server process per directory). */
  @IsString()
  DATA_DIR = './data';

  /** In production, `true` runs on the embedded PGlite in `DATA_DIR` (one instance only: replicas would each get their own database); without it production requires `DATABASE_URL`. */
  @Transform(toBool)
  @IsBoolean()
  EMBEDDED_DATABASE = false;

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

  /** Requests per window of the API routes (trigger-call, setup-campaign, reads): per API token on bearer routes, else per client IP. Generous: HOC dials campaigns in batches. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  THROTTLE_LIMIT = 1200;

  /** Throttle window in seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  THROTTLE_TTL_SECONDS = 60;

  /** Per-client limit of the provider webhooks (post-call, Supabase, Notion, generic) per window; unset = not rate-limited (overload is answered 503 + Retry-After instead). */
  @Transform(({ value }) => toInt({ value: emptyToUndefined({ value }) }))
  @IsOptional()
  @IsInt()
  @Min(1)
  WEBHOOK_THROTTLE_LIMIT?: number;

  /** Booking messages per minute per sender phone, counted only after authentication passed. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  BOOKING_THROTTLE_LIMIT = 30;

  /** Failed authentications per minute per client IP before further failures get 429 (its own counter). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUTH_FAILURE_LIMIT = 60;

  /** Default JSON body limit. */
  @Matches(BYTE_SIZE, { message: 'BODY_LIMIT must be a size like 1mb' })
  BODY_LIMIT = '1mb';

  /** Body limit of `POST /webhook/post-call` (base64 audio). */
  @Matches(BYTE_SIZE, { message: 'AUDIO_BODY_LIMIT must be a size like 50mb' })
  AUDIO_BODY_LIMIT = '50mb';

  /** Body limit of the Supabase and Notion webhooks. */
  @Matches(BYTE_SIZE, { message: 'SYNC_BODY_LIMIT must be a size like 100kb' })
  SYNC_BODY_LIMIT = '100kb';

  /** HOC's API base. Unset: production uses https://high-office.hirings.cloud/api/v1; development and test call no HOC at all (setup-campaign answers 503), so a laptop never reaches production HOC by accident. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl(URL_OPTS)
  HOC_API_URL?: string;

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

  /** The voice agent for campaigns without their own (set-up provisions one per campaign when ELEVENLABS_API_KEY is set). */
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

  /** Key column of Supabase tables whose key is not `id`, as `table=column` pairs, comma-separated (e.g. `interviews=interview_id`). */
  @Matches(/^\s*([A-Za-z_][A-Za-z0-9_.]*\s*=\s*[A-Za-z_][A-Za-z0-9_]*\s*(,\s*|$))*$/, {
    message: 'SUPABASE_PRIMARY_KEYS must be table=column pairs separated by commas',
  })
  SUPABASE_PRIMARY_KEYS = '';

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

  /** Backoff base d: retry n starts d·2^(n−1) to d·2^n s after the failure (jitter), e.g. 2–4 s, 4–8 s. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SYNC_RETRY_DELAY_SECONDS = 2;

  /** Longest run of one sync job; a hung one is then handed out again (a dead replica's jobs move within ~10 s). */
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

  /** GoHighLevel location (sub-account) id; set = replies to seed-format messages find their contact by phone. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  GHL_LOCATION_ID?: string;

  /** Country (ISO 3166 alpha-2) of booking phone numbers written nationally, e.g. `0170 1234567`. */
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @Matches(/^[A-Z]{2}$/, { message: 'BOOKING_DEFAULT_COUNTRY must be a country code such as DE' })
  BOOKING_DEFAULT_COUNTRY = 'DE';

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

  /** Backoff base of booking jobs, as `SYNC_RETRY_DELAY_SECONDS` (2–4 s, then 4–8 s, …). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  BOOKING_RETRY_DELAY_SECONDS = 2;

  /** Optional file mirror of post-call artefacts (old `{id}/{id}_transcription.json` layout), written after the acknowledgement; unset = no mirror (the database holds them). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  PAYLOAD_DIR?: string;

  /** Days events, payloads and artefacts are kept; older ones are pruned daily. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RETENTION_DAYS = 90;

  /** Slack-compatible incoming webhook told about dead letters and failing sources; unset = no alerts. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl(URL_OPTS)
  ALERT_WEBHOOK_URL?: string;

  /** Failure rate of a source over 5 minutes, in percent, that raises an alert. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  ALERT_FAILURE_RATE_PERCENT = 50;

  /** Finished attempts a source needs within 5 minutes before its failure rate counts. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  ALERT_MIN_EVENTS = 5;

  /** At most one alert per source within this many seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  ALERT_INTERVAL_SECONDS = 300;
}
