// What production refuses beyond missing secrets: placeholder or short secrets (a copied
// .env.example or compose default must not go live), and an embedded database nobody chose
// (forgetting DATABASE_URL on two replicas would give each its own database, silently).
import type { EnvironmentVariables } from './env.schema';

/** Secrets are random strings; below this many bytes they can be guessed. */
export const MIN_SECRET_BYTES = 16;

/** Variables holding our own secrets, checked for placeholders and length (comma lists per item). */
const OWN_SECRETS = [
  'API_TOKENS',
  'ELEVENLABS_WEBHOOK_SECRETS',
  'SYNC_WEBHOOK_SECRET',
  'LINK_SECRET',
  'BOOKING_WEBHOOK_SECRET',
  'METRICS_TOKEN',
] as const;

/** Keys issued by providers: their format is theirs, only a placeholder is refused. */
const PROVIDER_KEYS = [
  'NOTION_VERIFICATION_TOKEN',
  'HOC_API_KEY',
  'ELEVENLABS_API_KEY',
  'SUPABASE_KEY',
  'NOTION_API_KEY',
  'GHL_API_TOKEN',
] as const;

const PLACEHOLDER = /^(change[-_ ]?me|placeholder|replace[-_ ]?me|your[-_ ]|xxx|todo\b)/i;

const items = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** One problem per variable, each naming it and saying what to do. */
export function unsafeSecrets(env: EnvironmentVariables): string[] {
  const problems: string[] = [];
  for (const name of OWN_SECRETS) {
    const values = items(env[name]);
    if (values.some((v) => PLACEHOLDER.test(v))) problems.push(`${name} holds a placeholder`);
    else if (values.some((v) => Buffer.byteLength(v) < MIN_SECRET_BYTES))
      problems.push(`${name} is shorter than ${MIN_SECRET_BYTES} bytes`);
  }
  for (const name of PROVIDER_KEYS) {
    if (items(env[name]).some((v) => PLACEHOLDER.test(v)))
      problems.push(`${name} holds a placeholder`);
  }
  return problems;
}

/** Null when the database choice is deliberate, else why production must not start. */
export function databaseChoiceProblem(env: EnvironmentVariables): string | null {
  if (env.DATABASE_URL || env.EMBEDDED_DATABASE) return null;
  return (
    'DATABASE_URL is not set: with several replicas each would run its own embedded database. ' +
    'Set DATABASE_URL=postgres://…, or EMBEDDED_DATABASE=true for one instance on DATA_DIR'
  );
}

/** Everything production refuses, as one line (empty when it may start). */
export function productionRefusal(env: EnvironmentVariables): string | null {
  const problems = unsafeSecrets(env);
  const database = databaseChoiceProblem(env);
  if (database) problems.push(database);
  if (problems.length === 0) return null;
  return `Refusing to start in production: ${problems.join('; ')}. Secrets: random values of at least ${MIN_SECRET_BYTES} bytes, e.g. \`openssl rand -hex 32\`.`;
}
