// The seam between the auth guard (common) and the console's sign-in (a feature): the guard asks
// this port for the person behind a request's session cookie, so that common code never imports
// the console-auth feature. Bound only when console sign-in is configured; otherwise the guard
// knows bearer tokens alone.
import type { Request } from 'express';
import type { Principal } from './principal';

export const SESSION_AUTHENTICATOR = Symbol('SESSION_AUTHENTICATOR');

export interface SessionAuthenticator {
  /**
   * The person signed in through this request's session cookie, or undefined when it carries
   * none. Throws an ApiException (401) when the cookie is present but expired or unknown, and
   * (403) when a state-changing request lacks its CSRF token.
   */
  authenticate(req: Request): Promise<Principal | undefined>;
}
