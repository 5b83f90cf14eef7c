// The sign-in flow: a sign-in under way is stored server-side under a random id kept in a short
// cookie; the callback takes it (once), lets openid-client verify the provider's answer, maps the
// person's groups or roles to scopes and creates the session. Every outcome writes one audit row.
// Nothing here logs the code, the state, a cookie or a token.
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { ApiException } from '../common/errors/api.exception';
import { consoleAuthConfig } from '../config/namespaces';
import { ConsoleAuthAudit } from './console-auth.audit';
import { ConsoleSessionAuthenticator } from './console-session.authenticator';
import { ConsoleSessionsRepository } from './console-sessions.repository';
import { OidcClientService } from './oidc-client.service';
import { claimValues, mapScopes, personName } from './scope-mapping';
import {
  clearSessionCookie,
  clearSignInCookie,
  readCookie,
  SESSION_COOKIE,
  setSessionCookie,
  setSignInCookie,
  SIGN_IN_COOKIE,
  SIGN_IN_TTL_MS,
} from './session-cookies';

const randomId = () => randomBytes(32).toString('base64url');
const CONSOLE = '/console/';

/** A refused sign-in: `code` goes to the console (?sign_in_error=) and the audit row. */
class SignInRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly person?: string,
  ) {
    super(message);
  }
}

@Injectable()
export class ConsoleAuthService {
  private readonly logger = new Logger('ConsoleAuth');

  constructor(
    @Inject(consoleAuthConfig.KEY) private readonly config: ConfigType<typeof consoleAuthConfig>,
    private readonly oidc: OidcClientService,
    private readonly sessions: ConsoleSessionsRepository,
    private readonly authenticator: ConsoleSessionAuthenticator,
    private readonly audit: ConsoleAuthAudit,
  ) {}

  async describe(req: Request) {
    const provider = this.config.oidc ? { display_name: this.config.oidc.displayName } : null;
    const id = readCookie(req, SESSION_COOKIE);
    const session = provider && id ? await this.sessions.findSession(id) : null;
    return {
      provider,
      session: session && {
        person: session.person,
        scopes: session.scopes,
        csrf_token: session.csrfToken,
        expires_at: session.expiresAt.toISOString(),
      },
    };
  }

  /** Where to send the browser: the provider's authorization endpoint. */
  async startSignIn(req: Request, res: Response): Promise<string> {
    this.requireProvider();
    let started;
    try {
      started = await this.oidc.start();
    } catch (error) {
      this.logger.error(`identity provider unreachable: ${(error as Error).message}`);
      throw ApiException.badGateway('Identity provider', 'The identity provider did not answer');
    }
    const id = randomId();
    await this.sessions.pruneExpired();
    await this.sessions.saveSignIn(id, {
      ...started.pending,
      expiresAt: new Date(Date.now() + SIGN_IN_TTL_MS),
    });
    setSignInCookie(res, req, id, this.config.secureCookies);
    return started.url.href;
  }

  /** Where to send the browser after the callback: the console, with an error code on refusal. */
  async finishSignIn(req: Request, res: Response): Promise<string> {
    this.requireProvider();
    clearSignInCookie(res, req, this.config.secureCookies);
    try {
      const { person, scopes } = await this.verifyCallback(req);
      const id = randomId();
      await this.sessions.createSession(id, {
        person,
        scopes,
        csrfToken: randomId(),
        expiresAt: new Date(Date.now() + this.config.sessionTtlMs),
      });
      setSessionCookie(res, req, id, this.config.sessionTtlMs, this.config.secureCookies);
      await this.audit.record('console_sign_in', req, { person, outcome: 'success' });
      return CONSOLE;
    } catch (error) {
      const refused =
        error instanceof SignInRefused
          ? error
          : new SignInRefused(
              'verification_failed',
              `the provider's answer did not verify (${(error as Error).name})`,
            );
      await this.audit.record('console_sign_in', req, {
        person: refused.person,
        outcome: 'failure',
        reason: refused.message,
      });
      return `${CONSOLE}?sign_in_error=${refused.code}`;
    }
  }

  async signOut(req: Request, res: Response): Promise<void> {
    const principal = await this.authenticator.authenticate(req);
    const id = readCookie(req, SESSION_COOKIE);
    if (!principal || !id)
      throw ApiException.unauthorized('Not signed in', 'No console session to end', 'no_session');
    await this.sessions.deleteSession(id);
    clearSessionCookie(res, req, this.config.secureCookies);
    await this.audit.record('console_sign_out', req, {
      person: principal.name,
      outcome: 'success',
    });
  }

  private async verifyCallback(req: Request): Promise<{ person: string; scopes: string[] }> {
    const query = new URL(req.originalUrl, 'http://callback').search;
    const providerError = new URLSearchParams(query).get('error');
    if (providerError)
      throw new SignInRefused(
        'provider_refused',
        `the provider answered ${providerError.slice(0, 64)}`,
      );
    const signInId = readCookie(req, SIGN_IN_COOKIE);
    const pending = signInId ? await this.sessions.takeSignIn(signInId) : null;
    if (!pending)
      throw new SignInRefused(
        'sign_in_expired',
        'no sign-in under way in this browser (or it expired)',
      );
    const claims = await this.oidc.finish(query, pending);
    const person = personName(claims);
    const settings = this.oidc.settings;
    const scopes = mapScopes(claimValues(claims, settings.claim), settings.scopeMap);
    if (scopes.length === 0)
      throw new SignInRefused(
        'no_scopes',
        `no ${settings.claim} value of the person is mapped to a scope`,
        person,
      );
    return { person, scopes };
  }

  private requireProvider(): void {
    if (!this.config.oidc)
      throw ApiException.notFound(
        'Console sign-in through an identity provider is not configured',
        'oidc_not_configured',
      );
  }
}
