// Console sign-in in headless Chromium against a real OpenID provider on loopback: the console
// offers "Sign in with <provider>", the person signs in at the provider's login form, an action
// outside their scopes shows disabled and the API refuses it, and signing out ends the session.
// Any console error or CSP violation on the console's pages fails the suite.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  FakeOidcProvider,
  OIDC_CLIENT_ID,
  OIDC_CLIENT_SECRET,
} from '../../tools/fakes/oidc-provider.fake';
import { launchBrowser } from '../support/browser';
import { completedCall } from '../support/call-scenario';
import { freePort } from '../support/ports';
import { startTestApp, type TestApp } from '../support/test-app';

const SHOTS =
  process.env.CONSOLE_SCREENSHOTS_DIR ?? join(__dirname, '..', '..', 'test-results', 'console');

describe('console sign-in through an identity provider in Chromium (e2e)', () => {
  const provider = new FakeOidcProvider({
    sam: { email: 'sam.support@example.com', groups: ['hoc-support'] },
  });
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let callId: string;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await provider.start();
    const port = await freePort();
    const appUrl = `http://127.0.0.1:${port}`;
    await provider.register(`${appUrl}/console/auth/callback`);
    t = await startTestApp({
      PORT: String(port),
      PUBLIC_BASE_URL: appUrl,
      ELEVENLABS_AGENT_ID: 'agent_test_susi',
      CONSOLE_OIDC_ISSUER: provider.url,
      CONSOLE_OIDC_CLIENT_ID: OIDC_CLIENT_ID,
      CONSOLE_OIDC_CLIENT_SECRET: OIDC_CLIENT_SECRET,
      CONSOLE_OIDC_DISPLAY_NAME: 'Example SSO',
      CONSOLE_OIDC_REQUEST_SCOPES: 'openid email groups',
      CONSOLE_OIDC_SCOPE_MAP: JSON.stringify({ 'hoc-support': ['calls', 'events:read'] }),
    });
    callId = await completedCall(t.url);

    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'en-US' });
    // No network: only loopback is reachable (the provider's login page asks for a web font).
    await context.route('**/*', (route) =>
      new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort(),
    );
    page = await context.newPage();
    await page.exposeFunction('reportCspViolation', (text: string) =>
      problems.push(`CSP: ${text}`),
    );
    await page.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (e) =>
        window.reportCspViolation(e.violatedDirective + ' ' + e.blockedURI));`,
    });
    // The console's own pages only: the provider's login page is not ours to judge.
    page.on('console', (msg) => {
      if (msg.type() === 'error' && page.url().startsWith(t.url))
        problems.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await provider.stop();
  });

  it('signs in at the provider, shows what the person may not do disabled, signs out', async () => {
    await page.goto(`${t.url}/console/`);
    await page.getByRole('link', { name: 'Sign in with Example SSO' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'oidc-sign-in.png'), fullPage: true });
    await page.getByRole('link', { name: 'Sign in with Example SSO' }).click();
    // The provider's own login form.
    await page.locator('input[name=login]').fill('sam');
    await page.locator('input[name=password]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(page.url().startsWith(`${t.url}/console/`)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'oidc-signed-in.png'), fullPage: true });

    // Erasing needs privacy:erase, which the support group does not grant.
    await page.goto(`${t.url}/console/#/calls/${encodeURIComponent(callId)}`);
    const erase = page.getByRole('button', { name: 'Erase' });
    await erase.waitFor();
    expect(await erase.isDisabled()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'oidc-erase-disabled.png'), fullPage: true });

    // Signing out ends the session on the server, and the console is back at its sign-in form.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API token').waitFor();
    const after = await page.evaluate(async () => (await fetch('/console/auth/session')).json());
    expect(after).toEqual({ provider: { display_name: 'Example SSO' }, session: null });
    expect(problems).toEqual([]);
  });

  // The session principal's scopes are ['calls', 'events:read'] (console-sign-in.e2e-spec.ts).
  it('the API refuses the person an action outside their scopes (403), CSRF token or not', async () => {
    // A fresh browser: the provider still remembers the person the first test signed in.
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${t.url}/console/`);
    await page.getByRole('link', { name: 'Sign in with Example SSO' }).click();
    await page.locator('input[name=login]').fill('sam');
    await page.locator('input[name=password]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    // The API refuses it too, even with the session's CSRF token.
    const status = await page.evaluate(async (id) => {
      const session = (await (await fetch('/console/auth/session')).json()) as {
        session: { csrf_token: string };
      };
      const response = await fetch(`/calls/${encodeURIComponent(id)}`, {
        method: 'DELETE',
        headers: { 'X-CSRF-Token': session.session.csrf_token },
      });
      return response.status;
    }, callId);
    expect(status).toBe(403);
    await context.close();
  });
});
