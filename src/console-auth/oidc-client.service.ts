// The console's OpenID Connect relying party (openid-client): authorization code flow with PKCE,
// state and nonce. Discovery runs on first use and is retried on the next sign-in if the provider
// was down, so the app starts even while the identity provider does not answer.
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Configuration } from 'openid-client';
import { consoleAuthConfig } from '../config/namespaces';
import { loadOpenIdClient } from './openid-client.loader';

export type OidcSettings = NonNullable<ConfigType<typeof consoleAuthConfig>['oidc']>;

/** What the callback must check: kept server-side between the redirect and the callback. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Plain http only to a provider on this machine (tests, a local Keycloak); anything else https. */
const isLoopback = (url: URL) =>
  ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) && url.protocol === 'http:';

@Injectable()
export class OidcClientService {
  private configuration?: Promise<Configuration>;

  constructor(
    @Inject(consoleAuthConfig.KEY) private readonly config: ConfigType<typeof consoleAuthConfig>,
  ) {}

  get settings(): OidcSettings {
    if (!this.config.oidc) throw new Error('console sign-in is not configured');
    return this.config.oidc;
  }

  /** The provider's authorization URL for a new sign-in, and what the callback will check. */
  async start(): Promise<{ url: URL; pending: PendingSignIn }> {
    const client = await loadOpenIdClient();
    const configuration = await this.discover();
    const pending = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
    };
    const scopes = new Set(['openid', ...this.settings.requestScopes.split(/\s+/).filter(Boolean)]);
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.settings.redirectUrl,
      scope: [...scopes].join(' '),
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url, pending };
  }

  /**
   * Exchanges the callback's code and verifies the ID token (signature, issuer, audience, expiry,
   * nonce) and the state. Returns the ID token's claims, completed from userinfo when the mapped
   * claim is not in the ID token. Throws on any mismatch.
   */
  async finish(callbackQuery: string, pending: PendingSignIn): Promise<Record<string, unknown>> {
    const client = await loadOpenIdClient();
    const configuration = await this.discover();
    const callbackUrl = new URL(this.settings.redirectUrl);
    callbackUrl.search = callbackQuery;
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('the provider returned no ID token');
    if (claims[this.settings.claim] !== undefined || !tokens.access_token) return { ...claims };
    const userinfo = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub);
    return { ...userinfo, ...claims };
  }

  private discover(): Promise<Configuration> {
    this.configuration ??= this.runDiscovery().catch((error: unknown) => {
      this.configuration = undefined;
      throw error;
    });
    return this.configuration;
  }

  private async runDiscovery(): Promise<Configuration> {
    const client = await loadOpenIdClient();
    const { issuer, clientId, clientSecret } = this.settings;
    const issuerUrl = new URL(issuer);
    return client.discovery(
      issuerUrl,
      clientId,
      clientSecret,
      clientSecret ? client.ClientSecretBasic(clientSecret) : client.None(),
      isLoopback(issuerUrl) ? { execute: [client.allowInsecureRequests] } : undefined,
    );
  }
}
