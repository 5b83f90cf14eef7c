// Typed config namespaces, one per concern, each a pure function of the validated environment.
// Code injects them (`@Inject(appConfig.KEY) config: ConfigType<typeof appConfig>`) and never
// reads process.env itself; AppConfigModule.forRoot(env) provides them for one app.
import { getConfigToken, registerAs } from '@nestjs/config';
import { join, resolve } from 'node:path';
import { parseApiClients } from './api-clients';
import { parseScopeMap } from './console-auth.env';
import type { EnvironmentVariables } from './env.schema';

const list = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** A namespace: builds its part of the config from the environment; KEY is its injection token. */
export type ConfigNamespace<T extends object = object> = ((env: EnvironmentVariables) => T) & {
  KEY: string;
  namespace: string;
};

function defineNamespace<T extends object>(
  namespace: string,
  build: (env: EnvironmentVariables) => T,
): ConfigNamespace<T> {
  return Object.assign(build, { KEY: getConfigToken(namespace), namespace });
}

export const PRODUCTION_HOC_API_URL = 'https://high-office.hirings.cloud/api/v1';

export const appConfig = defineNamespace('app', (e) => {
  const dataDir = resolve(e.DATA_DIR);
  return {
    nodeEnv: e.NODE_ENV,
    isProduction: e.NODE_ENV === 'production',
    port: e.PORT,
    host: e.HOST,
    publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    dataDir,
    /** The optional file mirror of post-call artefacts; unset = none. */
    payloadDir: e.PAYLOAD_DIR ? resolve(e.PAYLOAD_DIR) : undefined,
    corsOrigins: list(e.CORS_ORIGINS),
    bodyLimits: { json: e.BODY_LIMIT, audio: e.AUDIO_BODY_LIMIT, sync: e.SYNC_BODY_LIMIT },
  };
});

export const databaseConfig = defineNamespace('database', (e) => {
  return { url: e.DATABASE_URL, pgliteDir: join(resolve(e.DATA_DIR), 'pglite') };
});

export const authConfig = defineNamespace('auth', (e) => {
  return {
    apiClients: parseApiClients(e),
    metricsTokens: list(e.METRICS_TOKEN ?? ''),
    elevenlabsSecrets: list(e.ELEVENLABS_WEBHOOK_SECRETS),
    syncSecrets: list(e.SYNC_WEBHOOK_SECRET),
    verifySignatures: e.VERIFY_WEBHOOK_SIGNATURES,
    notionTokens: list(e.NOTION_VERIFICATION_TOKEN),
    bookingSecrets: list(e.BOOKING_WEBHOOK_SECRET),
    ghlPublicKey: e.GHL_WEBHOOK_PUBLIC_KEY.trim(),
  };
});

export const throttleConfig = defineNamespace('throttle', (e) => {
  return {
    limit: e.THROTTLE_LIMIT,
    ttlMs: e.THROTTLE_TTL_SECONDS * 1000,
    webhookLimit: e.WEBHOOK_THROTTLE_LIMIT,
    bookingLimit: e.BOOKING_THROTTLE_LIMIT,
    authFailureLimit: e.AUTH_FAILURE_LIMIT,
  };
});

/** Redis: throttle counters shared by the replicas; unset = counters in each process. */
export const redisConfig = defineNamespace('redis', (e) => ({ url: e.REDIS_URL }));

export const hocConfig = defineNamespace('hoc', (e) => {
  return {
    /** Null outside production unless HOC_API_URL is set: no accidental calls to production HOC. */
    apiUrl:
      (e.HOC_API_URL ?? (e.NODE_ENV === 'production' ? PRODUCTION_HOC_API_URL : null))?.replace(
        /\/+$/,
        '',
      ) ?? null,
    apiKey: e.HOC_API_KEY,
    uploadEnabled: e.HOC_UPLOAD_ENABLED,
    timeoutMs: e.HOC_TIMEOUT_MS,
  };
});

export const elevenlabsConfig = defineNamespace('elevenlabs', (e) => {
  return {
    apiUrl: e.ELEVENLABS_API_URL.replace(/\/+$/, ''),
    apiKey: e.ELEVENLABS_API_KEY,
    agentId: e.ELEVENLABS_AGENT_ID,
    phoneNumberId: e.ELEVENLABS_PHONE_NUMBER_ID,
    telephony: e.ELEVENLABS_TELEPHONY,
    timeoutMs: e.ELEVENLABS_TIMEOUT_MS,
  };
});

export const agentConfig = defineNamespace('agent', (e) => {
  return {
    name: e.AGENT_NAME,
    language: e.AGENT_LANGUAGE,
    /** Signs with the first, accepts any (rotation). */
    linkSecrets: list(e.LINK_SECRET),
    linkTtlHours: e.LINK_TTL_HOURS,
    /** `phone` dials `to_number`; `link` (default) answers a talk link whatever the caller sent. */
    callMode: e.CALL_MODE,
  };
});

/** `table=column,schema.table=column` → { table: column }. */
const keyColumns = (value: string): Record<string, string> =>
  Object.fromEntries(
    list(value).map((pair): [string, string] => {
      const [table, column] = pair.split('=');
      return [table.trim(), column.trim()];
    }),
  );

export const syncConfig = defineNamespace('sync', (e) => {
  return {
    supabasePrimaryKeys: keyColumns(e.SUPABASE_PRIMARY_KEYS),
    supabaseUrl: e.SUPABASE_URL?.replace(/\/+$/, ''),
    supabaseKey: e.SUPABASE_KEY,
    notionApiKey: e.NOTION_API_KEY,
    notionApiUrl: e.NOTION_API_URL.replace(/\/+$/, ''),
    notionVersion: e.NOTION_VERSION,
    sourceTimeoutMs: e.SYNC_SOURCE_TIMEOUT_MS,
    maxAttempts: e.SYNC_MAX_ATTEMPTS,
    retryDelaySeconds: e.SYNC_RETRY_DELAY_SECONDS,
    jobTimeoutSeconds: e.SYNC_JOB_TIMEOUT_SECONDS,
  };
});

export const bookingConfig = defineNamespace('booking', (e) => {
  return {
    workflowUrl: e.BOOKING_WORKFLOW_URL,
    ghlApiUrl: e.GHL_API_URL.replace(/\/+$/, ''),
    ghlApiToken: e.GHL_API_TOKEN,
    ghlLocationId: e.GHL_LOCATION_ID,
    defaultCountry: e.BOOKING_DEFAULT_COUNTRY,
    timeoutMs: e.BOOKING_TIMEOUT_MS,
    maxAttempts: e.BOOKING_MAX_ATTEMPTS,
    retryDelaySeconds: e.BOOKING_RETRY_DELAY_SECONDS,
  };
});

export const operationsConfig = defineNamespace('operations', (e) => {
  return {
    retentionDays: e.RETENTION_DAYS,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    alertWebhookUrl: e.ALERT_WEBHOOK_URL,
    alertFailureRatePercent: e.ALERT_FAILURE_RATE_PERCENT,
    alertMinEvents: e.ALERT_MIN_EVENTS,
    alertIntervalSeconds: e.ALERT_INTERVAL_SECONDS,
  };
});

/** Console sign-in: `oidc` is null when no identity provider is configured (token sign-in only). */
export const consoleAuthConfig = defineNamespace('consoleAuth', (e) => {
  const publicBaseUrl = e.PUBLIC_BASE_URL.replace(/\/+$/, '');
  const scopeMap = parseScopeMap(e.CONSOLE_OIDC_SCOPE_MAP);
  return {
    sessionTtlMs: e.CONSOLE_SESSION_TTL_MINUTES * 60_000,
    /** Cookies get `Secure` when the console is served over https. */
    secureCookies: publicBaseUrl.startsWith('https://'),
    oidc:
      e.CONSOLE_OIDC_ISSUER && e.CONSOLE_OIDC_CLIENT_ID
        ? {
            issuer: e.CONSOLE_OIDC_ISSUER,
            clientId: e.CONSOLE_OIDC_CLIENT_ID,
            clientSecret: e.CONSOLE_OIDC_CLIENT_SECRET,
            redirectUrl: e.CONSOLE_OIDC_REDIRECT_URL ?? `${publicBaseUrl}/console/auth/callback`,
            displayName: e.CONSOLE_OIDC_DISPLAY_NAME,
            requestScopes: e.CONSOLE_OIDC_REQUEST_SCOPES,
            claim: e.CONSOLE_OIDC_CLAIM.trim(),
            scopeMap: typeof scopeMap === 'string' ? {} : scopeMap,
          }
        : null,
  };
});

export const allConfigNamespaces: readonly ConfigNamespace[] = [
  appConfig,
  databaseConfig,
  authConfig,
  throttleConfig,
  redisConfig,
  hocConfig,
  elevenlabsConfig,
  agentConfig,
  syncConfig,
  bookingConfig,
  operationsConfig,
  consoleAuthConfig,
];

/** The namespaces of one validated environment, in the form ConfigModule's `load` takes. */
export const loadNamespaces = (env: EnvironmentVariables) =>
  allConfigNamespaces.map((namespace) => registerAs(namespace.namespace, () => namespace(env)));
