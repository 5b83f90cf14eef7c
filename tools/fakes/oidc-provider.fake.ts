// A real OpenID provider on 127.0.0.1 for the console sign-in tests: `oidc-provider` (a certified
// implementation) with one confidential client and a few people whose `groups` claim the tests
// map to scopes. Its built-in login form (devInteractions) signs in any listed person with any
// password; consent is granted automatically, as a company's provider does for its own apps.
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { importEsm } from '../../src/console-auth/openid-client.loader';

export interface FakePerson {
  email: string;
  groups: string[];
}

export const OIDC_CLIENT_ID = 'hoc-console';
export const OIDC_CLIENT_SECRET = 'test-oidc-client-secret-0123456789abcdef';

const CLAIMS = ['sub', 'email', 'email_verified', 'groups'];

export class FakeOidcProvider {
  url = '';
  private server?: Server;

  /** People by login (the account id): `login` at the form, `email` and `groups` as claims. */
  constructor(readonly people: Record<string, FakePerson>) {}

  /** Listens on a free port, so the app can be configured with the issuer URL. */
  async start(): Promise<void> {
    this.server = createServer();
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Starts answering as a provider with the app's client (its redirect URI names its port). */
  async register(redirectUri: string): Promise<void> {
    const { default: Provider } = (await quietly(() => importEsm('oidc-provider'))) as {
      default: any;
    };
    const people = this.people;
    const { privateKey: signingKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const provider = await quietly(
      () =>
        new Provider(this.url, {
          clients: [
            {
              client_id: OIDC_CLIENT_ID,
              client_secret: OIDC_CLIENT_SECRET,
              redirect_uris: [redirectUri],
              grant_types: ['authorization_code'],
              response_types: ['code'],
              token_endpoint_auth_method: 'client_secret_basic',
            },
          ],
          findAccount: (_ctx: unknown, id: string) =>
            people[id] && {
              accountId: id,
              claims: () => ({
                sub: id,
                email: people[id].email,
                email_verified: true,
                groups: people[id].groups,
              }),
            },
          claims: { openid: ['sub'], email: ['email', 'email_verified'], groups: ['groups'] },
          scopes: ['openid', 'email', 'profile', 'groups'],
          pkce: { required: () => true },
          cookies: { keys: ['test-oidc-cookie-key'] },
          // Its own signing key and lifetimes, so the provider does not warn about development defaults.
          jwks: {
            keys: [
              { ...signingKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' },
            ],
          },
          ttl: {
            Interaction: 600,
            Grant: 600,
            Session: 600,
            AccessToken: 600,
            IdToken: 600,
            AuthorizationCode: 60,
          },
          features: { devInteractions: { enabled: true } },
          loadExistingGrant: async (ctx: any) => {
            const grant = new ctx.oidc.provider.Grant({
              clientId: ctx.oidc.client.clientId,
              accountId: ctx.oidc.session.accountId,
            });
            grant.addOIDCScope('openid email profile groups');
            grant.addOIDCClaims(CLAIMS);
            await grant.save();
            return grant;
          },
          renderError: (ctx: any, out: Record<string, unknown>) => {
            ctx.type = 'json';
            ctx.body = out;
          },
        }),
    );
    const callback = provider.callback();
    this.server!.on('request', callback);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}

/**
 * Runs `work` without oidc-provider's start-up notices (development adapter, dev interactions,
 * runtime advice): they describe this fake's deliberate test set-up and would only be noise.
 * Any other console output passes through.
 */
async function quietly<T>(work: () => T | Promise<T>): Promise<T> {
  const { warn, info } = console;
  const filter =
    (write: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].startsWith('oidc-provider ')) return;
      write(...args);
    };
  console.warn = filter(warn);
  console.info = filter(info);
  try {
    return await work();
  } finally {
    console.warn = warn;
    console.info = info;
  }
}
