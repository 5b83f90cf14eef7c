// The replaced services' variable names, accepted as aliases of their successors so an existing
// deployment's settings keep working; each one used is reported once at start-up (main.ts).
// Applied to the raw environment before validation (validate-env.ts). Only names with one meaning
// in every old service are here, and none of them grants access: the old inbound bearer tokens
// (API_KEY, WEBHOOK_API_KEY, API_SECRET_KEY) and WEBHOOK_SECRET are never read (legacy-names.ts
// warns or refuses; `npm run migrate-env` turns them into named, scoped API_CLIENTS).
import { ENVIRONMENT_VALUES } from './legacy-services';

type RawEnv = Record<string, unknown>;

export interface EnvAlias {
  /** The old service's name. */
  old: string;
  /** The variable that replaces it here. */
  successor: string;
  /** Which old service read it, and what it meant there (docs/migration.md). */
  meaning: string;
  /** Maps the old value onto the successor's vocabulary, where the two differ. */
  translate?: (value: string) => string;
}

export const ENV_ALIASES: readonly EnvAlias[] = [
  {
    old: 'HIRINGS_API_URL',
    successor: 'HOC_API_URL',
    meaning: "campaign set-up and call trigger: HOC's API base (already ending in /api/v1)",
  },
  {
    old: 'HIRINGS_API_TOKEN',
    successor: 'HOC_API_KEY',
    meaning: "campaign set-up and call trigger: the token for HOC's API",
  },
  {
    old: 'ELEVENLABS_AGENT_PHONE_NUMBER_ID',
    successor: 'ELEVENLABS_PHONE_NUMBER_ID',
    meaning: 'call trigger: the default caller number id',
  },
  {
    old: 'ELEVENLABS_POST_CALL_HMAC_KEY',
    successor: 'ELEVENLABS_WEBHOOK_SECRETS',
    meaning: 'post-call: the secret of the `ElevenLabs-Signature` header',
  },
  {
    old: 'ELEVENLABS_POST_CALL_PAYLOAD_PATH',
    successor: 'PAYLOAD_DIR',
    meaning: 'post-call: the directory of the `{id}/{id}_transcription.json` files',
  },
  {
    old: 'GHL_WEBHOOK_SECRET',
    successor: 'BOOKING_WEBHOOK_SECRET',
    meaning: 'booking: the secret the booking webhook is verified with',
  },
  {
    old: 'ENVIRONMENT',
    successor: 'NODE_ENV',
    meaning: 'sync: development or production (staging runs as production)',
    translate: (value) => ENVIRONMENT_VALUES[value.trim().toLowerCase()] ?? value,
  },
];

const isSet = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

export interface AliasResolution {
  /** The environment with every used alias copied onto its successor. */
  env: RawEnv;
  /** Successor → the old names its value came from. */
  filledFrom: Record<string, string[]>;
  /** One line per old name set in the environment. */
  warnings: string[];
}

/**
 * Copies old names onto unset successors (several old names of one list successor are joined
 * with commas). A successor that is set wins: its old names are then ignored, and said so.
 */
export function resolveEnvAliases(raw: RawEnv): AliasResolution {
  const env: RawEnv = { ...raw };
  const filledFrom: Record<string, string[]> = {};
  const warnings: string[] = [];
  for (const alias of ENV_ALIASES) {
    const value = raw[alias.old];
    if (!isSet(value)) continue;
    if (isSet(raw[alias.successor])) {
      warnings.push(
        `${alias.old} is deprecated and ignored because ${alias.successor} is set; remove ${alias.old}`,
      );
      continue;
    }
    const translated = alias.translate ? alias.translate(value) : value;
    const previous = filledFrom[alias.successor];
    env[alias.successor] = previous ? `${String(env[alias.successor])},${translated}` : translated;
    filledFrom[alias.successor] = [...(previous ?? []), alias.old];
    warnings.push(
      `${alias.old} is deprecated: rename it to ${alias.successor} (its value is used as ${alias.successor} for now)`,
    );
  }
  return { env, filledFrom, warnings };
}

/** pino's level names, accepting the old services' Python spellings (INFO, WARNING, CRITICAL). */
export function normaliseLogLevel(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const level = value.trim().toLowerCase();
  return { warning: 'warn', critical: 'fatal', notset: 'trace' }[level] ?? level;
}
