// Console sign-in settings that one decorator cannot check: the scope map's JSON and the settings
// that only make sense together. validateEnv reports them like any other invalid variable.
import { SCOPES, type Grant } from '../common/auth/principal';
import type { EnvironmentVariables } from './env.schema';

export type ScopeMap = Readonly<Record<string, readonly Grant[]>>;

const GRANTS: readonly string[] = [...SCOPES, '*'];

/** The parsed CONSOLE_OIDC_SCOPE_MAP, or a message saying what is wrong with it. */
export function parseScopeMap(raw: string): ScopeMap | string {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return 'CONSOLE_OIDC_SCOPE_MAP must be JSON, e.g. {"ops":["*"]}';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'CONSOLE_OIDC_SCOPE_MAP must be a JSON object of claim value → list of scopes';
  for (const [claimValue, grants] of Object.entries(value)) {
    if (!Array.isArray(grants) || !grants.every((g) => typeof g === 'string'))
      return `CONSOLE_OIDC_SCOPE_MAP["${claimValue}"] must be a list of scopes`;
    const unknown = grants.filter((g: string) => !GRANTS.includes(g));
    if (unknown.length > 0)
      return `CONSOLE_OIDC_SCOPE_MAP["${claimValue}"] names unknown scopes: ${unknown.join(', ')} (known: ${GRANTS.join(', ')})`;
  }
  return value as ScopeMap;
}

/** Problems of the console sign-in settings, one message each (empty = fine). */
export function consoleAuthProblems(env: EnvironmentVariables): string[] {
  const problems: string[] = [];
  const map = parseScopeMap(env.CONSOLE_OIDC_SCOPE_MAP);
  if (typeof map === 'string') problems.push(map);
  if (!env.CONSOLE_OIDC_ISSUER) return problems;
  if (!env.CONSOLE_OIDC_CLIENT_ID)
    problems.push('CONSOLE_OIDC_CLIENT_ID: required when CONSOLE_OIDC_ISSUER is set');
  if (typeof map !== 'string' && Object.keys(map).length === 0)
    problems.push('CONSOLE_OIDC_SCOPE_MAP: maps no claim value, so nobody could sign in');
  if (!env.CONSOLE_OIDC_CLAIM.trim()) problems.push('CONSOLE_OIDC_CLAIM: must name a claim');
  return problems;
}
