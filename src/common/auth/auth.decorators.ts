// Route auth declared once: the guard's metadata and the OpenAPI security are set together, so
// the docs can never disagree with what the guard enforces.
import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../errors/error-response.dto';

export type SignatureScheme = 'elevenlabs' | 'hmac' | 'supabase' | 'notion' | 'ghl';
export type AuthScheme = 'public' | 'bearer' | 'metrics' | SignatureScheme;

export const AUTH_SCHEME = 'auth:scheme';

/** Open to anyone (health, docs, talk pages). */
export const Public = () => SetMetadata(AUTH_SCHEME, 'public' satisfies AuthScheme);

/** `Authorization: Bearer <one of API_TOKENS>`. */
export const BearerAuth = () =>
  applyDecorators(
    SetMetadata(AUTH_SCHEME, 'bearer' satisfies AuthScheme),
    ApiBearerAuth('bearer'),
    ApiUnauthorizedResponse({
      description: 'Missing or invalid bearer token',
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
