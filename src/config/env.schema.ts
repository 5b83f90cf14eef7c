// The environment contract: every variable the app reads, its default and its rule, one per row.
// README's configuration table and .env.example are generated from this file (npm run docs):
// the doc comment is the table's "meaning" column, the initialiser its default. The decorators
// (env.decorators.ts) parse the string from the environment and check it.
import { normaliseLogLevel } from './env-aliases';
import {
  BoolVar,
  ByteSize,
  CountryCode,
  IntVar,
  OneOf,
  OptionalInt,
  OptionalPattern,
  OptionalString,
  OptionalUrl,
  Pattern,
  StringVar,
  UrlVar,
} from './env.decorators';

/** `table=column,schema.table=column`, spaces allowed around both separators. */
const TABLE_COLUMN_PAIRS =
  /^\s*([A-Za-z_][A-Za-z0-9_.]*\s*=\s*[A-Za-z_][A-Za-z0-9_]*\s*(,\s*|$))*$/;

export class EnvironmentVariables {
  // Server
  /** `development`, `production` or `test`; production refuses to start without secrets. */
  @OneOf(['development', 'production', 'test'])
  NODE_ENV = 'development';
  /** TCP port to listen on. */
  @IntVar({ min: 0, max: 65535 })
  PORT = 3000;
  /** Interface to bind. */
  @StringVar()
  HOST = '0.0.0.0';
  /** Base of `download_url` and `conversation_link`. */
  @UrlVar()
  PUBLIC_BASE_URL = 'http://localhost:3000';
  /** Log level, any case: trace, debug, info, warn (or warning), error, fatal (or critical), silent. */
  @OneOf(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'], normaliseLogLevel)
  LOG_LEVEL = 'info';
  /** Embedded database (one server process per directory). */
  @StringVar()
  DATA_DIR = './data';

  // Storage
  /** In production, `true` runs on the embedded PGlite in `DATA_DIR` (one instance only: replicas would each get their own database); without it production requires `DATABASE_URL`. */
  @BoolVar()
  EMBEDDED_DATABASE = false;
  /** PostgreSQL connection string; unset = embedded PGlite in `DATA_DIR`. */
  @OptionalPattern(/^postgres(ql)?:\/\//, 'start with postgres:// or postgresql://')
  DATABASE_URL?: string;
  /** Redis for throttle counters shared by replicas; unset = in-memory. */
  @OptionalPattern(/^rediss?:\/\//, 'start with redis:// or rediss://')
  REDIS_URL?: string;

  // Access
  /** Comma list of origins allowed by CORS; empty = no CORS. */
  @StringVar()
  CORS_ORIGINS = '';
  /** Comma list of bearer tokens HOC uses (several for rotation). Required in production. */
  @StringVar()
  API_TOKENS = '';
  /** Named API clients with scopes, a JSON list of `{"name", "token" | "token_sha256", "scopes"}` (docs/security.md). */
  @OptionalString()
  API_CLIENTS?: string;
  /** A file holding the API_CLIENTS JSON (e.g. a mounted secret); instead of API_CLIENTS. */
  @OptionalString()
  API_CLIENTS_FILE?: string;
  /** Comma list of bearer tokens for `/metrics` (several for rotation); unset = public. */
  @OptionalString()
  METRICS_TOKEN?: string;

  // Console sign-in through the company's identity provider (docs/console-sign-in.md)
  /** OpenID Connect issuer of the console's sign-in (discovery at `<issuer>/.well-known/openid-configuration`); unset = the console signs in with an API token only. */
  @OptionalUrl()
  CONSOLE_OIDC_ISSUER?: string;
  /** Client id registered at the identity provider; required with `CONSOLE_OIDC_ISSUER`. */
  @OptionalString()
  CONSOLE_OIDC_CLIENT_ID?: string;
  /** Client secret (confidential client, `client_secret_basic`); unset = a public client (PKCE only). */
  @OptionalString()
  CONSOLE_OIDC_CLIENT_SECRET?: string;
  /** Redirect URI registered at the identity provider; unset = `PUBLIC_BASE_URL` + `/console/auth/callback`. */
  @OptionalUrl()
  CONSOLE_OIDC_REDIRECT_URL?: string;
  /** The name on the console's button: "Sign in with …". */
  @StringVar()
  CONSOLE_OIDC_DISPLAY_NAME = 'company account';
  /** Scopes asked of the identity provider (space-separated; `openid` is always sent). */
  @StringVar()
  CONSOLE_OIDC_REQUEST_SCOPES = 'openid email profile';
  /** ID-token or userinfo claim whose values (a list or one string) name the person's groups or roles. */
  @StringVar()
  CONSOLE_OIDC_CLAIM = 'groups';
  /** JSON object: claim value → list of scopes it grants (`*` = every scope), e.g. `{"ops":["*"],"support":["calls","events:read"]}`. A person with no mapped value cannot sign in. */
  @StringVar()
  CONSOLE_OIDC_SCOPE_MAP = '{}';
  /** Lifetime of a console session in minutes (absolute, from sign-in). */
  @IntVar({ min: 1, max: 1440 })
  CONSOLE_SESSION_TTL_MINUTES = 60;

  // Rate limits
  /** Requests per window of the API routes (trigger-call, setup-campaign, reads): per API token on bearer routes, else per client IP. Generous: HOC dials campaigns in batches. */
  @IntVar({ min: 1 })
  THROTTLE_LIMIT = 1200;
  /** Throttle window in seconds. */
  @IntVar({ min: 1 })
  THROTTLE_TTL_SECONDS = 60;
  /** Per-client limit of the provider webhooks (post-call, Supabase, Notion, generic) per window; unset = not rate-limited (overload is answered 503 + Retry-After instead). */
  @OptionalInt({ min: 1 })
  WEBHOOK_THROTTLE_LIMIT?: number;
  /** Booking messages per minute per sender phone, counted only after authentication passed. */
  @IntVar({ min: 1 })
  BOOKING_THROTTLE_LIMIT = 30;
  /** Failed authentications per minute per client IP before further failures get 429 (its own counter). */
  @IntVar({ min: 1 })
  AUTH_FAILURE_LIMIT = 60;

  // Body limits
  /** Default JSON body limit. */
  @ByteSize()
  BODY_LIMIT = '1mb';
  /** Body limit of `POST /webhook/post-call` (base64 audio). */
  @ByteSize()
  AUDIO_BODY_LIMIT = '50mb';
  /** Body limit of the Supabase and Notion webhooks. */
  @ByteSize()
  SYNC_BODY_LIMIT = '100kb';

  // HOC
  /** HOC's API base. Unset: production uses https://high-office.hirings.cloud/api/v1; development and test call no HOC at all (setup-campaign answers 503), so a laptop never reaches production HOC by accident. */
  @OptionalUrl()
  HOC_API_URL?: string;
  /** Bearer token for HOC's API. */
  @OptionalString()
  HOC_API_KEY?: string;
  /** Upload built campaign packages to HOC (through the job queue). */
  @BoolVar()
  HOC_UPLOAD_ENABLED = false;
  /** Timeout of one HOC request in ms. */
  @IntVar({ min: 100 })
  HOC_TIMEOUT_MS = 10000;

  // ElevenLabs and the voice agent
  /** ElevenLabs API base (the SDK's base URL). */
  @UrlVar()
  ELEVENLABS_API_URL = 'https://api.elevenlabs.io';
  /** ElevenLabs API key (`xi-api-key`). */
  @OptionalString()
  ELEVENLABS_API_KEY?: string;
  /** The voice agent for campaigns without their own (set-up provisions one per campaign when ELEVENLABS_API_KEY is set). */
  @OptionalString()
  ELEVENLABS_AGENT_ID?: string;
  /** Default caller number id for outbound calls. */
  @OptionalString()
  ELEVENLABS_PHONE_NUMBER_ID?: string;
  /** `twilio` or `sip_trunk`. */
  @OneOf(['twilio', 'sip_trunk'])
  ELEVENLABS_TELEPHONY: 'twilio' | 'sip_trunk' = 'twilio';
  /** Timeout of one ElevenLabs request in ms. */
  @IntVar({ min: 100 })
  ELEVENLABS_TIMEOUT_MS = 15000;
  /** Comma list of post-call webhook secrets (several for rotation). */
  @StringVar()
  ELEVENLABS_WEBHOOK_SECRETS = '';
  /** Agent persona name in prompt and first message. */
  @StringVar()
  AGENT_NAME = 'Susi';
  /** Agent language (`de` or `en` templates). */
  @StringVar()
  AGENT_LANGUAGE = 'de';
  /** What trigger-call does with `to_number`: `link` ignores it and answers a talk link (the old call trigger service's behaviour, so a migrating caller gets no surprise phone call); `phone` places a real phone call through ElevenLabs. */
  @OneOf(['link', 'phone'])
  CALL_MODE: 'link' | 'phone' = 'link';
  /** Comma list of talk-link secrets: signs with the first, accepts any (rotation). Required in production. */
  @StringVar()
  LINK_SECRET = '';
  /** Lifetime of a talk link in hours. */
  @IntVar({ min: 1 })
  LINK_TTL_HOURS = 72;

  // Supabase and Notion sync
  /** Shared secret / HMAC key of the Supabase and envelope sync routes. */
  @StringVar()
  SYNC_WEBHOOK_SECRET = '';
  /** `false` skips sync signature checks (development only; refused in production). */
  @BoolVar()
  VERIFY_WEBHOOK_SIGNATURES = true;
  /** Key of `X-Notion-Signature`, copied by the operator from the handshake. */
  @StringVar()
  NOTION_VERIFICATION_TOKEN = '';
  /** Supabase project URL for source verification. */
  @OptionalUrl()
  SUPABASE_URL?: string;
  /** Supabase service key for source verification. */
  @OptionalString()
  SUPABASE_KEY?: string;
  /** Key column of Supabase tables whose key is not `id`, as `table=column` pairs, comma-separated (e.g. `interviews=interview_id`). */
  @Pattern(TABLE_COLUMN_PAIRS, 'be table=column pairs separated by commas')
  SUPABASE_PRIMARY_KEYS = '';
  /** Notion integration token for source verification. */
  @OptionalString()
  NOTION_API_KEY?: string;
  /** Notion API base. */
  @UrlVar()
  NOTION_API_URL = 'https://api.notion.com';
  /** `Notion-Version` header. */
  @StringVar()
  NOTION_VERSION = '2022-06-28';
  /** Timeout of one source-verification request in ms. */
  @IntVar({ min: 100 })
  SYNC_SOURCE_TIMEOUT_MS = 5000;
  /** Processing attempts of a sync event before it is dead-lettered. */
  @IntVar({ min: 1, max: 20 })
  SYNC_MAX_ATTEMPTS = 3;
  /** Backoff base d: retry n starts d·2^(n−1) to d·2^n s after the failure (jitter), e.g. 2–4 s, 4–8 s. */
  @IntVar({ min: 1 })
  SYNC_RETRY_DELAY_SECONDS = 2;
  /** Longest run of one sync job; a hung one is then handed out again (a dead replica's jobs move within ~10 s). */
  @IntVar({ min: 5 })
  SYNC_JOB_TIMEOUT_SECONDS = 60;

  // WhatsApp booking (GoHighLevel)
  /** HMAC key of the booking webhook (`X-Webhook-Signature`). */
  @StringVar()
  BOOKING_WEBHOOK_SECRET = '';
  /** GoHighLevel's webhook public key (PEM or base64 DER; Ed25519 or RSA). */
  @StringVar()
  GHL_WEBHOOK_PUBLIC_KEY = '';
  /** GoHighLevel API base. */
  @UrlVar()
  GHL_API_URL = 'https://services.leadconnectorhq.com';
  /** GoHighLevel token; set = workflow replies are sent back over WhatsApp. */
  @OptionalString()
  GHL_API_TOKEN?: string;
  /** GoHighLevel location (sub-account) id; set = replies to seed-format messages find their contact by phone. */
  @OptionalString()
  GHL_LOCATION_ID?: string;
  /** Country (ISO 3166 alpha-2) of booking phone numbers written nationally, e.g. `0170 1234567`. */
  @CountryCode()
  BOOKING_DEFAULT_COUNTRY = 'DE';
  /** Booking workflow endpoint; unset = API-only mode. */
  @OptionalUrl()
  BOOKING_WORKFLOW_URL?: string;
  /** Timeout of one workflow / GoHighLevel request in ms. */
  @IntVar({ min: 100 })
  BOOKING_TIMEOUT_MS = 15000;
  /** Attempts to hand a booking message to the workflow (or send a reply) before it is dead-lettered. */
  @IntVar({ min: 1, max: 20 })
  BOOKING_MAX_ATTEMPTS = 5;
  /** Backoff base of booking jobs, as `SYNC_RETRY_DELAY_SECONDS` (2–4 s, then 4–8 s, …). */
  @IntVar({ min: 1 })
  BOOKING_RETRY_DELAY_SECONDS = 2;

  // Operations: artefact mirror, retention, alerts
  /** Optional file mirror of post-call artefacts (old `{id}/{id}_transcription.json` layout), written after the acknowledgement; unset = no mirror (the database holds them). */
  @OptionalString()
  PAYLOAD_DIR?: string;
  /** Days events, payloads and artefacts are kept; older ones are pruned daily. */
  @IntVar({ min: 1 })
  RETENTION_DAYS = 90;
  /** Days audit_log rows are kept (who did what); at least RETENTION_DAYS. */
  @IntVar({ min: 1 })
  AUDIT_RETENTION_DAYS = 400;
  /** Slack-compatible incoming webhook told about dead letters and failing sources; unset = no alerts. */
  @OptionalUrl()
  ALERT_WEBHOOK_URL?: string;
  /** Failure rate of a source over 5 minutes, in percent, that raises an alert. */
  @IntVar({ min: 1, max: 100 })
  ALERT_FAILURE_RATE_PERCENT = 50;
  /** Finished attempts a source needs within 5 minutes before its failure rate counts. */
  @IntVar({ min: 1 })
  ALERT_MIN_EVENTS = 5;
  /** At most one alert per source within this many seconds. */
  @IntVar({ min: 1 })
  ALERT_INTERVAL_SECONDS = 300;
}
