// Console sign-in through a real OpenID provider on loopback (oidc-provider): the redirect carries
// state, nonce and a PKCE challenge; the callback creates a server-side session whose cookie is
// HttpOnly and SameSite=Strict; state-changing calls need the session's CSRF token; an expired
// session is 401; sign-out ends it server-side; groups map to scopes; every outcome is audited.
import { desc, eq, sql } from 'drizzle-orm';
import { DatabaseService } from '../../src/database/database.service';
import { auditLog, consoleSessions } from '../../src/database/schema';
import {
  FakeOidcProvider,
  OIDC_CLIENT_ID,
  OIDC_CLIENT_SECRET,
} from '../../tools/fakes/oidc-provider.fake';
import { CookieJar, signInThroughProvider, step } from '../support/oidc-sign-in';
import { freePort } from '../support/ports';
import { expectErrorShape, startTestApp, type TestApp } from '../support/test-app';

const PEOPLE = {
  olga: { email: 'olga.ops@example.com', groups: ['hoc-ops'] },
  sam: { email: 'sam.support@example.com', groups: ['hoc-support', 'staff'] },
  nina: { email: 'nina@example.com', groups: ['staff'] },
};
const SCOPE_MAP = { 'hoc-ops': ['*'], 'hoc-support': ['calls', 'events:read'] };
const SESSION = 'hoc_console_session';

describe('console sign-in through an OpenID provider (e2e)', () => {
  const provider = new FakeOidcProvider(PEOPLE);
  let t: TestApp;

  const auditRows = (action: string) =>
    t
      .get(DatabaseService)
      .db.select()
      .from(auditLog)
      .where(eq(auditLog.action, action))
      .orderBy(desc(auditLog.id));
  const setCookieLine = (response: Response, name: string) =>
    response.headers.getSetCookie().find((line) => line.startsWith(`${name}=`));
  const withSession = (jar: CookieJar, headers: Record<string, string> = {}) => ({
    headers: { cookie: jar.header(t.url), ...headers },
  });
  const sessionInfo = async (jar: CookieJar) =>
    (await (await fetch(`${t.url}/console/auth/session`, withSession(jar))).json()) as {
      provider: { display_name: string } | null;
      session: { person: string; scopes: string[]; csrf_token: string } | null;
    };

  beforeAll(async () => {
    await provider.start();
    const port = await freePort();
    const appUrl = `http://127.0.0.1:${port}`;
    await provider.register(`${appUrl}/console/auth/callback`);
    t = await startTestApp({
      PORT: String(port),
      PUBLIC_BASE_URL: appUrl,
      CONSOLE_OIDC_ISSUER: provider.url,
      CONSOLE_OIDC_CLIENT_ID: OIDC_CLIENT_ID,
      CONSOLE_OIDC_CLIENT_SECRET: OIDC_CLIENT_SECRET,
      CONSOLE_OIDC_DISPLAY_NAME: 'Example SSO',
      CONSOLE_OIDC_REQUEST_SCOPES: 'openid email groups',
      CONSOLE_OIDC_SCOPE_MAP: JSON.stringify(SCOPE_MAP),
    });
  });
  afterAll(async () => {
    await t?.close();
    await provider.stop();
  });

  it('sends the browser to the provider with state, nonce and an S256 PKCE challenge', async () => {
    const jar = new CookieJar();
    const response = await step(jar, `${t.url}/console/auth/login`);
    expect(response.status).toBe(303);
    const target = new URL(response.headers.get('location')!);
    expect(target.origin).toBe(provider.url);
    expect(target.searchParams.get('client_id')).toBe(OIDC_CLIENT_ID);
    expect(target.searchParams.get('redirect_uri')).toBe(`${t.url}/console/auth/callback`);
    expect(target.searchParams.get('code_challenge_method')).toBe('S256');
    expect(target.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(target.searchParams.get('state')).toBeTruthy();
    expect(target.searchParams.get('nonce')).toBeTruthy();
    const cookie = setCookieLine(response, 'hoc_console_sign_in')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/console\/auth\/callback/);
  });

  it('signs a person in: a Strict, HttpOnly session cookie, scopes from the groups, one audit row', async () => {
    const jar = new CookieJar();
    const before = (await auditRows('console_sign_in')).length;
    const landing = await signInThroughProvider(jar, t.url, 'olga');
    expect(landing).toBe(`${t.url}/console/`);
    expect(jar.get(t.url, SESSION)).toMatch(/^[\w-]{43}$/);

    const info = await sessionInfo(jar);
    expect(info.provider).toEqual({ display_name: 'Example SSO' });
    expect(info.session).toMatchObject({ person: 'olga.ops@example.com', scopes: ['*'] });
    const events = await fetch(`${t.url}/api/v1/webhooks/events?limit=1`, withSession(jar));
    expect(events.status).toBe(200);

    const rows = await auditRows('console_sign_in');
    expect(rows).toHaveLength(before + 1);
    expect(rows[0]).toMatchObject({
      actor: 'olga.ops@example.com',
      actorKind: 'person',
      outcome: 'success',
    });
    // Only the digest of the cookie's id is stored.
    const stored = await t.get(DatabaseService).db.select().from(consoleSessions);
    expect(stored.map((row) => row.idDigest)).not.toContain(jar.get(t.url, SESSION));
  });

  it('sets the session cookie HttpOnly, SameSite=Strict, for the whole site, short-lived', async () => {
    const jar = new CookieJar();
    const start = await step(jar, `${t.url}/console/auth/login`);
    const form = await step(jar, start.headers.get('location')!);
    const formUrl = new URL(form.headers.get('location')!, provider.url).href;
    await step(jar, formUrl);
    let next = await step(jar, formUrl, { form: { prompt: 'login', login: 'sam', password: 'x' } });
    let url = new URL(next.headers.get('location')!, formUrl).href;
    while (!url.startsWith(t.url)) {
      next = await step(jar, url);
      url = new URL(next.headers.get('location')!, url).href;
    }
    const callback = await step(jar, url);
    const cookie = setCookieLine(callback, SESSION)!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/(;|$)/);
    expect(cookie).toMatch(/Max-Age=3600/);
    expect(cookie).not.toMatch(/Secure/i); // plain http on loopback; https adds Secure
  });

  it('maps groups to scopes and refuses the API a scope outside them', async () => {
    const jar = new CookieJar();
    await signInThroughProvider(jar, t.url, 'sam');
    const info = await sessionInfo(jar);
    expect(info.session).toMatchObject({
      person: 'sam.support@example.com',
      scopes: ['calls', 'events:read'],
    });
  });

  it('refuses a person none of whose groups is mapped, and audits the failure', async () => {
    const jar = new CookieJar();
    const landing = await signInThroughProvider(jar, t.url, 'nina');
    expect(landing).toBe(`${t.url}/console/?sign_in_error=no_scopes`);
    expect(jar.get(t.url, SESSION)).toBeUndefined();
    const [row] = await auditRows('console_sign_in');
    expect(row).toMatchObject({
      actor: 'nina@example.com',
      actorKind: 'person',
      outcome: 'failure',
    });
  });

  it('refuses a replayed callback (the sign-in is used once)', async () => {
    const jar = new CookieJar();
    const start = await step(jar, `${t.url}/console/auth/login`);
    const signInCookie = jar.get(t.url, 'hoc_console_sign_in')!;
    await signInThroughProvider(new CookieJar(), t.url, 'olga'); // an unrelated sign-in
    expect(start.status).toBe(303);
    // The same sign-in cookie presented twice with a forged query: the first use consumes it.
    const forged = `${t.url}/console/auth/callback?code=forged&state=forged`;
    const headers = { cookie: `hoc_console_sign_in=${signInCookie}` };
    const first = await fetch(forged, { redirect: 'manual', headers });
    expect(first.headers.get('location')).toBe('/console/?sign_in_error=verification_failed');
    const second = await fetch(forged, { redirect: 'manual', headers });
    expect(second.headers.get('location')).toBe('/console/?sign_in_error=sign_in_expired');
  });

  it('needs the CSRF token on state-changing calls made with the session', async () => {
    const jar = new CookieJar();
    await signInThroughProvider(jar, t.url, 'olga');
    const { csrf_token } = (await sessionInfo(jar)).session!;
    const replay = `${t.url}/api/v1/webhooks/events/00000000-0000-4000-8000-000000000000/replay`;
    const refused = await fetch(replay, { method: 'POST', ...withSession(jar) });
    expect(refused.status).toBe(403);
    expectErrorShape((await refused.json()) as Record<string, unknown>, {
      code: 'csrf_token_invalid',
    });
    const wrong = await fetch(replay, {
      method: 'POST',
      ...withSession(jar, { 'x-csrf-token': 'x'.repeat(csrf_token.length) }),
    });
    expect(wrong.status).toBe(403);
    const allowed = await fetch(replay, {
      method: 'POST',
      ...withSession(jar, { 'x-csrf-token': csrf_token }),
    });
    expect(allowed.status).toBe(404); // past auth and CSRF: the event does not exist
  });

  it('answers 401 to an expired session', async () => {
    const jar = new CookieJar();
    await signInThroughProvider(jar, t.url, 'olga');
    await t
      .get(DatabaseService)
      .db.update(consoleSessions)
      .set({ expiresAt: sql`now() - interval '1 second'` });
    const response = await fetch(`${t.url}/api/v1/webhooks/events?limit=1`, withSession(jar));
    expect(response.status).toBe(401);
    expectErrorShape((await response.json()) as Record<string, unknown>, {
      code: 'session_expired',
    });
  });

  it('signs out: the session ends server-side, the cookie is cleared, one audit row', async () => {
    const jar = new CookieJar();
    await signInThroughProvider(jar, t.url, 'sam');
    const { csrf_token } = (await sessionInfo(jar)).session!;
    const cookie = jar.header(t.url);
    const logout = `${t.url}/console/auth/logout`;
    expect((await fetch(logout, { method: 'POST', headers: { cookie } })).status).toBe(403);

    const before = (await auditRows('console_sign_out')).length;
    const done = await fetch(logout, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf_token },
    });
    expect(done.status).toBe(200);
    expect(setCookieLine(done, SESSION)).toMatch(/Expires=Thu, 01 Jan 1970/);
    // The old cookie, replayed, no longer signs anyone in.
    const after = await fetch(`${t.url}/api/v1/webhooks/events?limit=1`, { headers: { cookie } });
    expect(after.status).toBe(401);
    const rows = await auditRows('console_sign_out');
    expect(rows).toHaveLength(before + 1);
    expect(rows[0]).toMatchObject({
      actor: 'sam.support@example.com',
      actorKind: 'person',
      outcome: 'success',
    });
  });
});

describe('console without an identity provider (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('offers token sign-in only: no provider, no session, no login route', async () => {
    const info = await fetch(`${t.url}/console/auth/session`);
    expect(await info.json()).toEqual({ provider: null, session: null });
    const login = await fetch(`${t.url}/console/auth/login`, { redirect: 'manual' });
    expect(login.status).toBe(404);
    expectErrorShape((await login.json()) as Record<string, unknown>, {
      code: 'oidc_not_configured',
    });
    // A stray session cookie is ignored: bearer tokens are the only credential.
    const read = await fetch(`${t.url}/api/v1/webhooks/events?limit=1`, {
      headers: { cookie: 'hoc_console_session=forged' },
    });
    expect(read.status).toBe(401);
  });
});
