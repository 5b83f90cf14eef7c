// One old service's .env → this backend's .env, each variable read by what it meant in that
// service (legacy-services.ts). Old inbound bearer tokens become named clients with only the
// scopes of that service's routes (API_CLIENTS), never all-powerful API_TOKENS.
import { createHash, randomBytes } from 'node:crypto';
import { parseEnv } from 'node:util';
import {
  LEGACY_DEFAULT_PORTS,
  LEGACY_SERVICE_NAMES,
  LEGACY_VARIABLES,
  type LegacyClient,
  type LegacyService,
} from './legacy-services';

export interface MigratedVariable {
  name: string;
  value: string;
  /** The old variable it comes from, or `(default)`, `(new)`. */
  from: string;
  /** What that meant in the old service, or why it is set. */
  note: string;
}

export interface MigratedClient extends LegacyClient {
  token: string;
  from: string;
}

export interface Migration {
  service: LegacyService;
  variables: MigratedVariable[];
  clients: MigratedClient[];
  /** Old variables with no equivalent here, and why. */
  dropped: { old: string; value: string; reason: string }[];
}

const isSet = (value: string | undefined): value is string =>
  value !== undefined && value.trim() !== '';

const isTrue = (value: string | undefined) => /^(1|true|yes|on)$/i.test(value?.trim() ?? '');

export function migrateEnv(service: LegacyService, old: Record<string, string>): Migration {
  const migration: Migration = { service, variables: [], clients: [], dropped: [] };
  const set: Setter = (name, value, from, note) => {
    const existing = migration.variables.find((v) => v.name === name);
    if (!existing) return void migration.variables.push({ name, value, from, note });
    if (existing.value !== value)
      migration.dropped.push({
        old: from,
        value,
        reason: `${name} already comes from ${existing.from}`,
      });
  };
  const known = new Set<string>();
  for (const variable of LEGACY_VARIABLES[service]) {
    known.add(variable.old);
    const value = old[variable.old];
    if (!isSet(value)) continue;
    const target = variable.target;
    if (target.kind === 'variable') {
      const translated = target.translate ? target.translate(value) : value.trim();
      set(target.name, translated, variable.old, variable.meaning);
    } else if (target.kind === 'client') {
      const token = value.trim();
      if (migration.clients.some((c) => c.token === token)) continue;
      const taken = migration.clients.filter((c) => c.name.startsWith(target.client.name)).length;
      migration.clients.push({
        name: taken ? `${target.client.name}-${taken + 1}` : target.client.name,
        scopes: [...target.client.scopes],
        token,
        from: `${variable.old}: ${variable.meaning}`,
      });
    } else {
      migration.dropped.push({ old: variable.old, value, reason: target.reason });
    }
  }
  for (const [name, value] of Object.entries(old)) {
    if (!known.has(name))
      migration.dropped.push({
        old: name,
        value,
        reason: `not among the ${LEGACY_SERVICE_NAMES[service]} service's documented variables`,
      });
  }
  addServiceDefaults(migration, old, set);
  return migration;
}

type Setter = (name: string, value: string, from: string, note: string) => void;

/** What each service did without a setting, where this backend's default differs. */
function addServiceDefaults(migration: Migration, old: Record<string, string>, set: Setter) {
  const { service } = migration;
  const port = LEGACY_DEFAULT_PORTS[service];
  if (port && !isSet(old.PORT))
    set('PORT', String(port), '(default)', `the old service listened on ${port}`);
  if (
    service === 'setup' &&
    isSet(old.API_URL) &&
    !isSet(old.HOC_API_URL) &&
    !isSet(old.HIRINGS_API_URL)
  ) {
    migration.dropped = migration.dropped.filter((d) => d.old !== 'API_URL');
    set('HOC_API_URL', old.API_URL.trim(), 'API_URL', "HOC's API base, for reading questionnaires");
  }
  if (service === 'calls') {
    set(
      'CALL_MODE',
      'link',
      '(old behaviour)',
      'to_number was ignored and a talk link returned; set CALL_MODE=phone to place phone calls',
    );
    set(
      'LINK_SECRET',
      randomBytes(32).toString('hex'),
      '(new)',
      'signs the talk links; link mode answers 503 without it',
    );
  }
  // The old sync service keyed X-Webhook-Signature with SUPABASE_KEY when no secret of its own was set.
  if (
    service === 'sync' &&
    !isSet(old.WEBHOOK_SECRET) &&
    isSet(old.SUPABASE_KEY) &&
    (old.VERIFY_WEBHOOK_SIGNATURES === undefined || isTrue(old.VERIFY_WEBHOOK_SIGNATURES))
  )
    set(
      'SYNC_WEBHOOK_SECRET',
      old.SUPABASE_KEY.trim(),
      'SUPABASE_KEY',
      'the old service signed X-Webhook-Signature with it; give senders a separate secret when you can',
    );
}

/** A value as a .env line takes it (single quotes when it holds spaces, # or quotes). */
const quote = (value: string) =>
  /[\s#"'`\\]/.test(value) && !value.includes("'") ? `'${value}'` : value;

export function renderMigration(migration: Migration): string {
  const name = LEGACY_SERVICE_NAMES[migration.service];
  const lines = [
    `# This backend's .env, from the ${name} service's .env (npm run migrate-env -- --from ${migration.service}).`,
    '# Each line says which old variable it comes from and what that meant there. See docs/migration.md.',
  ];
  for (const variable of migration.variables) {
    lines.push(
      '',
      `# ${variable.name} ← ${variable.from}: ${variable.note}`,
      `${variable.name}=${quote(variable.value)}`,
    );
  }
  if (migration.clients.length > 0) {
    // The SHA-256 only: callers keep sending the old token, and the new .env holds no usable secret.
    const clients = migration.clients.map(({ name: n, token, scopes }) => ({
      name: n,
      token_sha256: createHash('sha256').update(token.trim()).digest('hex'),
      scopes,
    }));
    lines.push('');
    for (const c of migration.clients) {
      lines.push(`# API_CLIENTS ${c.name} (scopes ${c.scopes.join(', ')}) ← ${c.from}`);
      if (c.token.trim().length < 16)
        lines.push(
          `#   ${c.from} is shorter than 16 characters: accepted, but rotate it to a random token soon`,
        );
    }
    lines.push(`API_CLIENTS=${quote(JSON.stringify(clients))}`);
  }
  if (migration.dropped.length > 0) {
    lines.push('', '# Not carried over (no equivalent here):');
    for (const d of migration.dropped) lines.push(`#   ${d.old}: ${d.reason}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Parses a .env file's text (the dotenv syntax node reads with --env-file). */
export function parseEnvFile(text: string): Record<string, string> {
  return parseEnv(text) as Record<string, string>;
}
