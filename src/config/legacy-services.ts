// The five replaced services' variables, each read by what it meant in THAT service: one old name
// can mean two things (API_KEY is HOC's outbound key in the campaign set-up service and the
// inbound bearer token in the call trigger service). `npm run migrate-env` (migrate-env.ts) turns
// one service's old .env into this backend's; docs/migration.md has the recipes.
import type { Scope } from '../common/auth/principal';

export const LEGACY_SERVICES = ['setup', 'calls', 'sync', 'post-call', 'booking'] as const;
export type LegacyService = (typeof LEGACY_SERVICES)[number];

export const LEGACY_SERVICE_NAMES: Record<LegacyService, string> = {
  setup: 'campaign set-up',
  calls: 'call trigger',
  sync: 'Supabase/Notion sync',
  'post-call': 'ElevenLabs post-call',
  booking: 'WhatsApp booking',
};

/** An old inbound bearer token, given to a named client with only the scopes its routes need. */
export interface LegacyClient {
  name: string;
  scopes: Scope[];
}

/** What one old variable becomes: a new variable, a named API client, or nothing (and why). */
export type LegacyTarget =
  | { kind: 'variable'; name: string; translate?: (value: string) => string }
  | { kind: 'client'; client: LegacyClient }
  | { kind: 'none'; reason: string };

export interface LegacyVariable {
  old: string;
  /** What it meant in that service. */
  meaning: string;
  target: LegacyTarget;
}

const to = (name: string, translate?: (value: string) => string): LegacyTarget => ({
  kind: 'variable',
  name,
  translate,
});
const none = (reason: string): LegacyTarget => ({ kind: 'none', reason });
const client = (name: string, scopes: Scope[]): LegacyTarget => ({
  kind: 'client',
  client: { name, scopes },
});

/** ENVIRONMENT's values (Python deployments) in NODE_ENV's vocabulary; staging runs like production. */
export const ENVIRONMENT_VALUES: Record<string, string> = {
  dev: 'development',
  development: 'development',
  local: 'development',
  staging: 'production',
  prod: 'production',
  production: 'production',
  test: 'test',
  testing: 'test',
};

const environment = (value: string) => ENVIRONMENT_VALUES[value.trim().toLowerCase()] ?? value;

/** The set-up service's questionnaire-source settings: read at start-up only to warn about them. */
export const SETUP_ONLY_VARIABLES: Record<string, string> = {
  USE_API_SOURCE:
    "questionnaires are always read from HOC's API (GET /questionnaire/{campaign_id}); there is no other source to switch to",
  API_URL:
    "HOC's API base for reading questionnaires: here one HOC_API_URL serves reading and uploading",
  API_STATUS:
    "an applicant status filter: this backend reads only the campaign's questionnaire, which lists no applicants, so there is nothing to filter",
  FILTER_TEST_APPLICANTS:
    "leaves HOC's test applicants out: this backend reads only the campaign's questionnaire, which lists no applicants",
};

const LOG_LEVEL: LegacyVariable = {
  old: 'LOG_LEVEL',
  meaning: 'log level (Python names, any case)',
  target: to('LOG_LEVEL', (v) => v.trim().toLowerCase()),
};

export const LEGACY_VARIABLES: Record<LegacyService, readonly LegacyVariable[]> = {
  setup: [
    {
      old: 'USE_API_SOURCE',
      meaning: "read the questionnaire from HOC's API",
      target: none(SETUP_ONLY_VARIABLES.USE_API_SOURCE),
    },
    {
      old: 'API_URL',
      meaning: "HOC's API base, for reading questionnaires",
      target: none(
        `${SETUP_ONLY_VARIABLES.API_URL}; used as HOC_API_URL only when HOC_API_URL is not set`,
      ),
    },
    {
      old: 'API_STATUS',
      meaning: 'applicant status filter when reading from HOC',
      target: none(SETUP_ONLY_VARIABLES.API_STATUS),
    },
    {
      old: 'FILTER_TEST_APPLICANTS',
      meaning: "leave HOC's test applicants out",
      target: none(SETUP_ONLY_VARIABLES.FILTER_TEST_APPLICANTS),
    },
    {
      old: 'HOC_API_URL',
      meaning: "HOC's API base, for uploading packages",
      target: to('HOC_API_URL'),
    },
    {
      old: 'HOC_UPLOAD_ENABLED',
      meaning: 'upload the built package to HOC',
      target: to('HOC_UPLOAD_ENABLED'),
    },
    {
      old: 'API_KEY',
      meaning: "HOC's API key, sent to HOC as Bearer (outbound)",
      target: to('HOC_API_KEY'),
    },
    {
      old: 'HIRINGS_API_URL',
      meaning: "HOC's API base",
      target: to('HOC_API_URL'),
    },
    {
      old: 'HIRINGS_API_TOKEN',
      meaning: "the token for HOC's API (outbound)",
      target: to('HOC_API_KEY'),
    },
    {
      old: 'WEBHOOK_SECRET',
      meaning: "the Bearer HOC's front end sends to /webhook/setup-campaign (inbound)",
      target: client('hoc-setup', ['campaigns']),
    },
    {
      old: 'ELEVENLABS_API_KEY',
      meaning: 'the ElevenLabs API key ("for phase 2")',
      target: to('ELEVENLABS_API_KEY'),
    },
    LOG_LEVEL,
  ],
  calls: [
    {
      old: 'API_KEY',
      meaning: 'the Bearer callers send to /webhook/trigger-call (inbound)',
      target: client('hoc-calls', ['calls']),
    },
    {
      old: 'WEBHOOK_API_KEY',
      meaning: 'the same inbound Bearer under its other name',
      target: client('hoc-calls', ['calls']),
    },
    {
      old: 'HIRINGS_API_URL',
      meaning: "HOC's API base (shown by /webhook/health as hirings_api_url)",
      target: to('HOC_API_URL'),
    },
    {
      old: 'HIRINGS_API_TOKEN',
      meaning: "the token for HOC's API (outbound)",
      target: to('HOC_API_KEY'),
    },
    {
      old: 'ELEVENLABS_API_KEY',
      meaning: 'the ElevenLabs API key',
      target: to('ELEVENLABS_API_KEY'),
    },
    {
      old: 'ELEVENLABS_AGENT_ID',
      meaning: 'the voice agent (shown by /webhook/health as agent_id)',
      target: to('ELEVENLABS_AGENT_ID'),
    },
    {
      old: 'ELEVENLABS_AGENT_PHONE_NUMBER_ID',
      meaning: 'the default caller number id',
      target: to('ELEVENLABS_PHONE_NUMBER_ID'),
    },
    LOG_LEVEL,
  ],
  sync: [
    {
      old: 'SUPABASE_URL',
      meaning: 'source verification: Supabase REST base',
      target: to('SUPABASE_URL'),
    },
    {
      old: 'SUPABASE_KEY',
      meaning:
        'Supabase service-role key; the old service also keyed X-Webhook-Signature with it (see SYNC_WEBHOOK_SECRET)',
      target: to('SUPABASE_KEY'),
    },
    { old: 'NOTION_API_KEY', meaning: 'Notion integration key', target: to('NOTION_API_KEY') },
    {
      old: 'NOTION_DATABASE_ID',
      meaning: 'the Notion database it watched',
      target: none(
        'the Notion routes mirror the pages of whichever database sends events; there is no database filter',
      ),
    },
    {
      old: 'API_SECRET_KEY',
      meaning: "the service's API secret for its admin routes (inbound)",
      target: client('sync-admin', ['sync:admin', 'events:read', 'events:replay']),
    },
    {
      old: 'WEBHOOK_SECRET',
      meaning: 'the HMAC key of X-Webhook-Signature',
      target: to('SYNC_WEBHOOK_SECRET'),
    },
    {
      old: 'CONFIDENCE_THRESHOLD',
      meaning: 'for its query API (/api/v1/query), not the webhooks',
      target: none('the query API is not part of this backend'),
    },
    {
      old: 'ENVIRONMENT',
      meaning: 'development or production (staging ran as production)',
      target: to('NODE_ENV', environment),
    },
    {
      old: 'VERIFY_WEBHOOK_SIGNATURES',
      meaning: 'check X-Webhook-Signature (HMAC-SHA256 of the body)',
      target: to('VERIFY_WEBHOOK_SIGNATURES'),
    },
    { old: 'HOST', meaning: 'interface to bind', target: to('HOST') },
    { old: 'PORT', meaning: 'port to listen on', target: to('PORT') },
    LOG_LEVEL,
  ],
  'post-call': [
    {
      old: 'ELEVENLABS_POST_CALL_HMAC_KEY',
      meaning: 'the ElevenLabs webhook secret (ElevenLabs-Signature)',
      target: to('ELEVENLABS_WEBHOOK_SECRETS'),
    },
    {
      old: 'ELEVENLABS_POST_CALL_PAYLOAD_PATH',
      meaning: 'base directory of the stored payloads',
      target: to('PAYLOAD_DIR'),
    },
    {
      old: 'APP_NAME',
      meaning: 'FastAPI title',
      target: none('the name is the package\'s ("hoc-webhooks")'),
    },
    {
      old: 'APP_VERSION',
      meaning: 'FastAPI version',
      target: none("the version is the package's, shown by /health"),
    },
    {
      old: 'DEBUG',
      meaning: 'FastAPI debug mode',
      target: none('no debug mode; set LOG_LEVEL=debug for verbose logs'),
    },
    {
      old: 'NGROK_AUTHTOKEN',
      meaning: 'only for its local ngrok tunnel',
      target: none('no tunnel is started here; run ngrok yourself when needed'),
    },
    { old: 'PORT', meaning: 'port to listen on', target: to('PORT') },
    LOG_LEVEL,
  ],
  booking: [
    { old: 'PORT', meaning: 'port to listen on', target: to('PORT') },
    {
      old: 'GHL_WEBHOOK_SECRET',
      meaning: "optional signature verification of GoHighLevel's requests",
      target: to('BOOKING_WEBHOOK_SECRET'),
    },
    LOG_LEVEL,
  ],
};

/** Ports the old services listened on without a PORT setting (this backend's default is 3000). */
export const LEGACY_DEFAULT_PORTS: Partial<Record<LegacyService, number>> = {
  sync: 8000,
  'post-call': 8000,
};

export function isLegacyService(value: string): value is LegacyService {
  return (LEGACY_SERVICES as readonly string[]).includes(value);
}
