// Turns process.env into a typed, validated EnvironmentVariables or throws one readable line.
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { ApiClientsError, parseApiClients } from './api-clients';
import { consoleAuthProblems } from './console-auth.env';
import { resolveEnvAliases } from './env-aliases';
import { EnvironmentVariables } from './env.schema';
import { ambiguityRefusal } from './legacy-names';
import { productionRefusal } from './production-safety';

export class InvalidEnvironmentError extends Error {
  override readonly name = 'InvalidEnvironmentError';
}

const firstMessage = (error: ValidationError): string =>
  Object.values(error.constraints ?? {})[0] ?? `${error.property} is invalid`;

/** Variables whose absence makes a production deployment insecure. */
function productionGaps(env: EnvironmentVariables): string[] {
  const gaps: string[] = [];
  if (!env.API_TOKENS.trim() && !env.API_CLIENTS?.trim() && !env.API_CLIENTS_FILE?.trim())
    gaps.push('API_TOKENS or API_CLIENTS');
  if (!env.ELEVENLABS_WEBHOOK_SECRETS.trim()) gaps.push('ELEVENLABS_WEBHOOK_SECRETS');
  if (!env.SYNC_WEBHOOK_SECRET.trim()) gaps.push('SYNC_WEBHOOK_SECRET');
  if (!env.LINK_SECRET.trim()) gaps.push('LINK_SECRET');
  if (!env.BOOKING_WEBHOOK_SECRET.trim() && !env.GHL_WEBHOOK_PUBLIC_KEY.trim())
    gaps.push('BOOKING_WEBHOOK_SECRET or GHL_WEBHOOK_PUBLIC_KEY');
  if (!env.VERIFY_WEBHOOK_SIGNATURES) gaps.push('VERIFY_WEBHOOK_SIGNATURES=true');
  return gaps;
}

export function validateEnv(
  raw: NodeJS.ProcessEnv | Record<string, unknown>,
): EnvironmentVariables {
  const known = Object.keys(new EnvironmentVariables());
  const { env: resolved, filledFrom } = resolveEnvAliases(raw);
  const input = Object.fromEntries(
    Object.entries(resolved).filter(([key, value]) => known.includes(key) && value !== undefined),
  );
  const env = plainToInstance(EnvironmentVariables, input, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => {
      const from = filledFrom[e.property];
      return `${e.property}: ${firstMessage(e)}${from ? ` (set through its old name ${from.join(', ')})` : ''}`;
    });
    throw new InvalidEnvironmentError(`Invalid environment: ${lines.join('; ')}`);
  }
  try {
    parseApiClients(env);
  } catch (error) {
    if (error instanceof ApiClientsError) throw new InvalidEnvironmentError(error.message);
    throw error;
  }
  if (env.AUDIT_RETENTION_DAYS < env.RETENTION_DAYS)
    throw new InvalidEnvironmentError(
      `AUDIT_RETENTION_DAYS (${env.AUDIT_RETENTION_DAYS}) must be at least RETENTION_DAYS (${env.RETENTION_DAYS})`,
    );
  const consoleProblems = consoleAuthProblems(env);
  if (consoleProblems.length > 0)
    throw new InvalidEnvironmentError(`Invalid environment: ${consoleProblems.join('; ')}`);
  if (env.NODE_ENV === 'production') {
    // First: an ambiguous old name is the likeliest cause of the other gaps too.
    const ambiguous = ambiguityRefusal(raw);
    if (ambiguous) throw new InvalidEnvironmentError(ambiguous);
    const gaps = productionGaps(env);
    if (gaps.length > 0) {
      throw new InvalidEnvironmentError(
        `Refusing to start in production without: ${gaps.join(', ')}`,
      );
    }
    const refusal = productionRefusal(env);
    if (refusal) throw new InvalidEnvironmentError(refusal);
  }
  return env;
}
