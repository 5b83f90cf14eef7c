// The console and named clients (issue 25) in headless Chromium: an action the signed-in client
// lacks a scope for is shown disabled with the reason; the audit page lists who did what; any 401
// returns to the sign-in form with the server's reason, also after a reload. Screenshots go to
// test-results/console (or CONSOLE_SCREENSHOTS_DIR).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { FakeHoc } from '../../tools/fakes/hoc.fake';
import { launchBrowser } from '../support/browser';
import { completedCall } from '../support/call-scenario';
import { openConsoleSignedIn } from '../support/console-page';
import { startTestApp, TEST_TOKEN, type TestApp } from '../support/test-app';

const LIMITED_TOKEN = 'console-calls-reader-0123456789';
const SHOTS =
  process.env.CONSOLE_SCREENSHOTS_DIR ?? join(__dirname, '..', '..', 'test-results', 'console');

describe('console with scoped clients in Chromium (e2e)', () => {
  const hoc = new FakeHoc();
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let callId: string;
  const problems: string[] = [];

  const open = (token: string, hash: string) => openConsoleSignedIn(page, t.url, token, hash, 'en');

  const shot = (name: string) =>
    page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await hoc.start();
    t = await startTestApp({
      HOC_API_URL: hoc.url,
      HOC_API_KEY: hoc.apiKey,
      ELEVENLABS_AGENT_ID: 'agent_test_susi',
      API_CLIENTS: JSON.stringify([
        { name: 'calls-reader', token: LIMITED_TOKEN, scopes: ['calls', 'events:read'] },
      ]),
    });
    callId = await completedCall(t.url);
    browser = await launchBrowser();
  });
  // A browser context of its own for each test: no storage, cache or page state of another.
  let context: BrowserContext;
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    page = await context.newPage();
    page.on('console', (msg) => {
      // The browser reports every 4xx answer itself; the ones below are the point of the tests.
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource'))
        problems.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
  });
  afterEach(() => context.close());
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await hoc.stop();
  });
  afterEach(() => expect(problems).toEqual([]));

  it('shows erase disabled, with the missing scope, to a client without privacy:erase', async () => {
    await open(LIMITED_TOKEN, `#/calls/${callId}`);
    const erase = page.getByRole('button', { name: 'Erase' });
    await erase.waitFor();
    await page.getByText('lacks the scope privacy:erase').waitFor();
    expect(await erase.isDisabled()).toBe(true);
  });

  it('says the transcript and recording are withheld from a client without recordings', async () => {
    await open(LIMITED_TOKEN, `#/calls/${callId}`);
    await page.getByRole('heading', { name: 'Transcript' }).waitFor();
    await page.getByText('Transcript withheld. Your sign-in lacks the scope recordings').waitFor();
    await page.getByText('Recording withheld. Your sign-in lacks the scope recordings').waitFor();
    expect(await page.getByText('Nothing found.').count()).toBe(0);
    expect(await page.getByText('No recording stored.').count()).toBe(0);
    await shot('call-withheld');
  });

  it('shows bulk replay disabled, with the missing scope, to a client without events:replay', async () => {
    await open(LIMITED_TOKEN, '#/events');
    const bulk = page.getByRole('button', { name: 'Replay failed and dead events' });
    await bulk.waitFor();
    await page.getByText('lacks the scope events:replay').waitFor();
    expect(await bulk.isDisabled()).toBe(true);
    const cursor = (el: any) => el.ownerDocument.defaultView.getComputedStyle(el).cursor;
    expect(await bulk.evaluate(cursor)).toBe('default');
    await shot('events-without-replay');
  });

  it('does not offer the audit page to a client without audit:read', async () => {
    await open(TEST_TOKEN, '#/events');
    await page.getByRole('link', { name: 'Audit' }).waitFor();
    // Signed out, then in again in the same tab with a client that may not read the audit trail.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API token').fill(LIMITED_TOKEN);
    await page.keyboard.press('Enter');
    // Its scopes are known once the page shows what it lacks (the nav asked first).
    await page.getByText('lacks the scope events:replay').waitFor();
    expect(await page.getByRole('link', { name: 'Audit' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Calls' }).waitFor();
    await shot('nav-without-audit');
    // And on a fresh load of another page.
    await open(LIMITED_TOKEN, `#/calls/${callId}`);
    await page.getByText('lacks the scope privacy:erase').waitFor();
    expect(await page.getByRole('link', { name: 'Audit' }).count()).toBe(0);
  });

  it('lists the audit trail, newest first, naming the client', async () => {
    await open(TEST_TOKEN, '#/audit');
    await page.getByRole('heading', { name: 'Audit' }).waitFor();
    await page.getByRole('cell', { name: 'trigger_call' }).first().waitFor();
    await page.getByRole('cell', { name: 'token-1' }).first().waitFor();
  });

  it('returns to the sign-in form with the reason after any 401', async () => {
    await open('no-longer-valid-token', '#/events');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByText('The bearer token is not valid').waitFor();
    expect(await page.getByText('Loading failed').count()).toBe(0);
    expect(await page.evaluate(`sessionStorage.getItem('hoc.console.token')`)).toBeNull();
  });

  it('still says why after a reload, without keeping or showing the token', async () => {
    await open('no-longer-valid-token', '#/events');
    await page.getByText('The bearer token is not valid').waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'The bearer token is not valid' }).waitFor();
    await shot('sign-in-after-reload');
    const stored = await page.evaluate(
      `JSON.stringify([{ ...sessionStorage }, { ...localStorage }])`,
    );
    expect(stored).not.toContain('no-longer-valid-token');
    expect(await page.content()).not.toContain('no-longer-valid-token');
    // A sign-in ends the reason; after signing out the form says nothing again.
    await page.getByLabel('API token').fill(TEST_TOKEN);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Events' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.getByText('The bearer token is not valid').count()).toBe(0);
  });
});
