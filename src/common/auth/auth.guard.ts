// The one global auth guard. Deny by default: a route without an auth decorator is refused.
// Runs before the throttler; a failure counts on the caller IP's own failure counter instead.
import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  Logger,
  Optional,
} from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { authConfig } from '../../config/namespaces';
import { MetricsService } from '../../metrics/metrics.service';
import { ApiException } from '../errors/api.exception';
import { AuthFailureLimiter } from '../throttling/auth-failure-limiter';
import { AUTH_SCHEME, type AuthScheme } from './auth.decorators';
import { verifyBearer } from './schemes/bearer.scheme';
import { SESSION_AUTHENTICATOR, type SessionAuthenticator } from './session-authenticator';
import { verifyElevenLabs } from './schemes/elevenlabs.scheme';
import { parseGhlPublicKey, verifyGhl } from './schemes/ghl.scheme';
import { verifyHmac } from './schemes/hmac.scheme';
import { isNotionHandshake, verifyNotion } from './schemes/notion.scheme';
import { verifySupabase } from './schemes/supabase.scheme';
import { singleHeader, type VerifyResult } from './schemes/verify-result';

const SIGNATURE_ERRORS: Record<string, [string, string, string]> = {
  missing: ['missing_signature', 'Missing signature', 'The request carries no signature header'],
  malformed: [
    'malformed_signature',
    'Malformed signature',
    'The signature header is not in the expected format',
  ],
  invalid: ['invalid_signature', 'Invalid signature', 'The signature does not match the body'],
  stale: ['stale_signature', 'Stale signature', 'The signature timestamp is older than 30 minutes'],
  future: [
    'future_signature',
    'Signature from the future',
    'The signature timestamp is more than 5 minutes ahead',
  ],
  not_configured: [
    'signature_not_configured',
    'Signature verification not configured',
    'This server has no secret for this webhook',
  ],
};

const BEARER_ERRORS: Record<string, [string, string, string]> = {
  missing: [
    'missing_authorization',
    'Missing Authorization header',
    'Please provide Authorization: Bearer {API_KEY}',
  ],
  malformed: [
    'invalid_authorization',
    'Invalid Authorization header',
    'Expected Authorization: Bearer {API_KEY}',
  ],
  invalid: ['invalid_token', 'Invalid API token', 'The bearer token is not valid'],
  not_configured: [
    'auth_not_configured',
    'Authentication not configured',
    'No API token is configured on this server',
  ],
};

@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('Auth');
  private readonly ghlKey;

  constructor(
    private readonly reflector: Reflector,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
    private readonly metrics: MetricsService,
    private readonly failures: AuthFailureLimiter,
    @Optional()
    @Inject(SESSION_AUTHENTICATOR)
    private readonly sessions: SessionAuthenticator | null = null,
  ) {
    this.ghlKey = parseGhlPublicKey(config.ghlPublicKey);
    if (config.ghlPublicKey && !this.ghlKey)
      this.logger.warn('GHL_WEBHOOK_PUBLIC_KEY is not a usable public key');
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    try {
      return await this.authenticate(context, req);
    } catch (error) {
      if (error instanceof ApiException && error.getStatus() === 401) {
        const refusal = await this.failures.count(req);
        if (refusal) throw refusal;
      }
      throw error;
    }
  }

  private async authenticate(context: ExecutionContext, req: Request): Promise<boolean> {
    const scheme = this.reflector.getAllAndOverride<AuthScheme | undefined>(AUTH_SCHEME, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (scheme === undefined) {
      throw ApiException.unauthorized(
        'Access denied',
        'This route declares no authentication scheme',
        'no_auth_scheme',
      );
    }
    if (scheme === 'public') return true;
    if (scheme === 'bearer') {
      // The console's session cookie stands in for a bearer token when no Authorization is sent.
      if (this.sessions && req.headers.authorization === undefined) {
        const principal = await this.sessions.authenticate(req);
        if (principal) {
          req.principal = principal;
          return true;
        }
      }
      return this.bearer(req, this.config.apiTokens);
    }
    if (scheme === 'metrics')
      return this.config.metricsToken ? this.bearer(req, [this.config.metricsToken]) : true;

    const result = this.verifySignature(scheme, req);
    if (result.ok) return true;
    this.metrics.webhooks.inc({ source: scheme, type: 'unknown', outcome: 'rejected' });
    const [code, error, message] = SIGNATURE_ERRORS[result.reason];
    throw ApiException.unauthorized(error, message, code);
  }

  private bearer(req: Request, tokens: readonly string[]): boolean {
    const result = verifyBearer(singleHeader(req.headers, 'authorization'), tokens);
    if (result.ok) return true;
    const [code, error, message] = BEARER_ERRORS[result.reason];
    throw ApiException.unauthorized(error, message, code);
  }

  private verifySignature(
    scheme: Exclude<AuthScheme, 'public' | 'bearer' | 'metrics'>,
    req: Request,
  ): VerifyResult {
    const raw = req.rawBody ?? Buffer.alloc(0);
    const { headers } = req;
    switch (scheme) {
      case 'elevenlabs':
        return verifyElevenLabs(
          raw,
          singleHeader(headers, 'elevenlabs-signature'),
          this.config.elevenlabsSecrets,
          Math.floor(Date.now() / 1000),
        );
      case 'hmac':
        return verifyHmac(
          raw,
          singleHeader(headers, 'x-webhook-signature'),
          this.config.syncSecrets,
        );
      case 'supabase':
        if (!this.config.verifySignatures) return { ok: true };
        return verifySupabase(raw, headers, this.config.syncSecrets);
      case 'notion':
        // The handshake is accepted unsigned; it is stored for the operator, never trusted as a key.
        if (isNotionHandshake(req.body)) return { ok: true };
        if (!this.config.verifySignatures) return { ok: true };
        if (
          headers['x-notion-signature'] === undefined &&
          headers['x-webhook-signature'] !== undefined
        )
          return verifyHmac(
            raw,
            singleHeader(headers, 'x-webhook-signature'),
            this.config.syncSecrets,
          );
        return verifyNotion(
          raw,
          singleHeader(headers, 'x-notion-signature'),
          this.config.notionTokens,
        );
      case 'ghl':
        // docs/api.md: the booking webhook is public until a key or secret is configured.
        if (!this.ghlKey && this.config.bookingSecrets.length === 0) return { ok: true };
        return verifyGhl(raw, headers, this.ghlKey, this.config.bookingSecrets);
    }
  }
}
