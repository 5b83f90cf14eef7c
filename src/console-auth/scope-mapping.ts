// What a person may do in the console: the values of one claim (groups or roles) mapped to scopes
// through CONSOLE_OIDC_SCOPE_MAP. No mapped value, no sign-in: a person the mapping does not
// know gets nothing rather than a default.
import type { Grant } from '../common/auth/principal';
import type { ScopeMap } from '../config/console-auth.env';

/** A claim's values: providers send a list (groups) or one string (a single role). */
export function claimValues(claims: Record<string, unknown>, claim: string): string[] {
  const value = claims[claim];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** The union of the scopes the person's claim values map to, sorted; `*` stands alone. */
export function mapScopes(values: readonly string[], map: ScopeMap): Grant[] {
  const grants = new Set<Grant>();
  for (const value of values) for (const grant of map[value] ?? []) grants.add(grant);
  if (grants.has('*')) return ['*'];
  return [...grants].sort();
}

/** The person's name in the audit trail and the console: e-mail when given, else the subject. */
export function personName(claims: Record<string, unknown>): string {
  const email = claims.email;
  return typeof email === 'string' && email.includes('@') ? email : String(claims.sub);
}
