// The console's implementation of the guard's SessionAuthenticator port: the session cookie names
// a server-side session; state-changing requests must also carry its CSRF token in X-CSRF-Token.
// SameSite=Strict already keeps other sites' requests cookie-less; the token is the second lock
// (a same-site subdomain, a browser without SameSite).
import { HttpStatus, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import type { Grant, Principal } from '../common/auth/principal';
import type { SessionAuthenticator } from '../common/auth/session-authenticator';
import { ApiException } from '../common/errors/api.exception';
import { ConsoleSessionsRepository } from './console-sessions.repository';
import { readCookie, SESSION_COOKIE } from './session-cookies';

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const sameToken = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

@Injectable()
export class ConsoleSessionAuthenticator implements SessionAuthenticator {
  constructor(private readonly sessions: ConsoleSessionsRepository) {}

  async authenticate(req: Request): Promise<Principal | undefined> {
    const id = readCookie(req, SESSION_COOKIE);
    if (!id) return undefined;
    const session = await this.sessions.findSession(id);
    if (!session)
      throw ApiException.unauthorized(
        'Session expired',
        'The console session has expired or was ended; please sign in again',
        'session_expired',
      );
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, session.csrfToken))
        throw new ApiException({
          status: HttpStatus.FORBIDDEN,
          code: 'csrf_token_invalid',
          error: 'CSRF token missing or invalid',
          message: `A state-changing request with the console session must send its CSRF token in ${CSRF_HEADER.toUpperCase()}`,
        });
    }
    return {
      kind: 'person',
      name: session.person,
      scopes: new Set(session.scopes as Grant[]),
      via: 'session',
    };
  }
}
