// Route auth declared once: the guard's metadata and the OpenAPI security are set together, so
// the docs can never disagree with what the guard enforces.
import { applyDecorators, SetMetadata } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtension,
  ApiForbiddenResponse,
  ApiSecurity,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorResponseDto } from '../errors/error-response.dto';
import type { Scope } from './principal';

export type SignatureScheme = 'elevenlabs' | 'hmac' | 'supabase' | 'notion' | 'ghl';
export type AuthScheme = 'public' | 'bearer' | 'metrics' | SignatureScheme;

export const AUTH_SCHEME = 'auth:scheme';
/** The scope a bearer route needs (docs/security.md). */
export const AUTH_SCOPE = 'auth:scope';

/** Open to anyone (health, docs, talk pages). */
export const Public = () => SetMetadata(AUTH_SCHEME, 'public' satisfies AuthScheme);

/**
 * `Authorization: Bearer <an API client's token>` (or the console's session) holding `scope`.
 * `authenticated`: any client or person (who-am-I). The scope shows in the OpenAPI document as the security requirement's scope and as `x-scope`.
 */
export const BearerAuth = (scope: Scope | 'authenticated') =>
  applyDecorators(
    SetMetadata(AUTH_SCHEME, 'bearer' satisfies AuthScheme),
    SetMetadata(AUTH_SCOPE, scope),
    ApiSecurity('bearer', [scope]),
    ApiExtension('x-scope', scope),
    ApiUnauthorizedResponse({
      description: 'Missing or invalid bearer token',
      type: ErrorResponseDto,
    }),
    ApiForbiddenResponse({
      description: `The client lacks the scope \`${scope}\` (insufficient_scope)`,
      type: ErrorResponseDto,
    }),
  );

/** Public unless METRICS_TOKEN is set, then bearer with that token. */
export const MetricsAuth = () =>
  applyDecorators(
    SetMetadata(AUTH_SCHEME, 'metrics' satisfies AuthScheme),
    ApiBearerAuth('metrics'),
  );

/** The body must be signed by the named provider scheme (docs/api.md, Auth schemes). */
export const SignedWebhook = (scheme: SignatureScheme) =>
  applyDecorators(
    SetMetadata(AUTH_SCHEME, scheme),
    ApiSecurity(scheme),
    ApiUnauthorizedResponse({
      description: 'Missing, malformed, stale or invalid signature',
      type: ErrorResponseDto,
    }),
  );
