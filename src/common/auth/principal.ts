// Who is calling: a named API client (API_CLIENTS, or API_TOKENS as clients with every scope) or a
// person signed in to the console (through the company's identity provider, or with a client's
// token). The auth guard puts it on the request; scopes decide what it may do, the audit trail
// names it.

/** What a credential may do. A route names the one scope it needs. */
export const SCOPES = [
  'campaigns',
  'calls',
  'recordings',
  'events:read',
  'events:write',
  'events:replay',
  'sync:admin',
  'booking:read',
  'privacy:erase',
  'audit:read',
] as const;

export type Scope = (typeof SCOPES)[number];

/** A scope, or `*` for every scope. */
export type Grant = Scope | '*';

export interface Principal {
  /** An API client (service-to-service) or a person (console). */
  kind: 'client' | 'person';
  /** The client's configured name, or the person's identity (e-mail or subject). */
  name: string;
  scopes: ReadonlySet<Grant>;
  /** How this request proved it: a bearer token or the console's session cookie. */
  via: 'bearer' | 'session';
}

export function hasScope(principal: Principal, scope: Scope): boolean {
  return principal.scopes.has('*') || principal.scopes.has(scope);
}

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

declare module 'http' {
  interface IncomingMessage {
    /** Set by the auth guard on routes that authenticate a caller (not on signed webhooks). */
    principal?: Principal;
  }
}
