// Console sessions on PostgreSQL, shared by replicas: a person signed in through one replica is
// signed in on the other, and signing out on one ends the session on both.
import {
  FakeOidcProvider,
  OIDC_CLIENT_ID,
  OIDC_CLIENT_SECRET,
} from '../../tools/fakes/oidc-provider.fake';
import { CookieJar, signInThroughProvider } from '../support/oidc-sign-in';
import { freePort } from '../support/ports';
import { createTempDatabase, type TempDatabase } from '../support/postgres';
import { startTestApp, type TestApp } from '../support/test-app';

describe('console sessions on PostgreSQL across replicas (integration)', () => {
  const provider = new FakeOidcProvider({ olga: { email: 'olga@example.com', groups: ['ops'] } });
  let db: TempDatabase;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    db = await createTempDatabase();
    await provider.start();
    const port = await freePort();
    const appUrl = `http://127.0.0.1:${port}`;
    await provider.register(`${appUrl}/console/auth/callback`);
    const env = {
      DATABASE_URL: db.url,
      PUBLIC_BASE_URL: appUrl,
      CONSOLE_OIDC_ISSUER: provider.url,
      CONSOLE_OIDC_CLIENT_ID: OIDC_CLIENT_ID,
      CONSOLE_OIDC_CLIENT_SECRET: OIDC_CLIENT_SECRET,
      CONSOLE_OIDC_REQUEST_SCOPES: 'openid email groups',
      CONSOLE_OIDC_SCOPE_MAP: '{"ops":["*"]}',
    };
    a = await startTestApp({ ...env, PORT: String(port) });
    b = await startTestApp(env);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await provider.stop();
    await db?.drop();
  });

  it('signs in on one replica, is known on the other, and signs out everywhere', async () => {
    const jar = new CookieJar();
    await signInThroughProvider(jar, a.url, 'olga');
    const cookie = jar.header(a.url);
    const read = (url: string) =>
      fetch(`${url}/api/v1/webhooks/events?limit=1`, { headers: { cookie } });
    expect((await read(b.url)).status).toBe(200);

    const session = (await (
      await fetch(`${b.url}/console/auth/session`, { headers: { cookie } })
    ).json()) as { session: { csrf_token: string } };
    const logout = await fetch(`${b.url}/console/auth/logout`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': session.session.csrf_token },
    });
    expect(logout.status).toBe(200);
    expect((await read(a.url)).status).toBe(401);
  });
});
