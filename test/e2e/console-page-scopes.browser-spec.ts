// The console's pages and the signed-in principal's scopes, in headless Chromium: the navigation
// offers only the pages whose API the principal may read, and a page it may not read, visited
// directly, says which scope the sign-in lacks instead of asking the API (no 403, no "Loading
// failed"). Any console error (a 4xx answer included), CSP violation or failed request fails the
// test. Screenshots go to test-results/console (or CONSOLE_SCREENSHOTS_DIR).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { FakeHoc } from '../../tools/fakes/hoc.fake';
import { launchBrowser } from '../support/browser';
import { openConsoleSignedIn, recordPageProblems } from '../support/console-page';
import { startTestApp, TEST_TOKEN, type TestApp } from '../support/test-app';

/** calls and events:read: Events and Calls, nothing else. */
const LIMITED_TOKEN = 'console-calls-reader-0123456789';
/** campaigns only: neither scope of the Sync page. */
const CAMPAIGNS_TOKEN = 'console-campaigns-desk-0123456789';
const SHOTS =
  process.env.CONSOLE_SCREENSHOTS_DIR ?? join(__dirname, '..', '..', 'test-results', 'console');
const ALL_PAGES = ['Events', 'Calls', 'Campaigns', 'Sync', 'Booking', 'Audit'];

describe('console pages and scopes in Chromium (e2e)', () => {
  const hoc = new FakeHoc();
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  const open = (token: string, hash: string, lang: 'de' | 'en' = 'en') =>
    openConsoleSignedIn(page, t.url, token, hash, lang);
  const shot = (name: string) =>
    page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  /** The navigation's links as offered (a hidden one is not). */
  const offered = () => page.getByRole('navigation').getByRole('link').allInnerTexts();
  const lacking = (scope: string) =>
    page.getByText(`Your sign-in lacks the scope ${scope} for this page.`);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await hoc.start();
    t = await startTestApp({
      HOC_API_URL: hoc.url,
      HOC_API_KEY: hoc.apiKey,
      API_CLIENTS: JSON.stringify([
        { name: 'calls-reader', token: LIMITED_TOKEN, scopes: ['calls', 'events:read'] },
        { name: 'campaigns-desk', token: CAMPAIGNS_TOKEN, scopes: ['campaigns'] },
      ]),
    });
    browser = await launchBrowser();
  });
  // A browser context of its own for each test: no storage, cache or page state of another.
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    page = await context.newPage();
    await recordPageProblems(page, problems);
    // Here a 4xx answer is a problem too: a page the principal may not read must not ask the API.
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
  });
  afterEach(() => context.close());
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await hoc.stop();
  });
  afterEach(() => expect(problems.splice(0)).toEqual([]));

  it('offers a client with calls and events:read only Events and Calls', async () => {
    await open(LIMITED_TOKEN, '#/events');
    await page.getByRole('heading', { name: 'Events' }).waitFor();
    // Its scopes are known once the page shows what it lacks (the nav asked first).
    await page.getByText('lacks the scope events:replay').waitFor();
    await page.getByRole('link', { name: 'Calls' }).waitFor();
    expect(await offered()).toEqual(['Events', 'Calls']);
    await shot('nav-limited');
    // Also after moving on to another page of the same document.
    await page.getByRole('link', { name: 'Calls' }).click();
    await page.getByRole('heading', { name: 'Calls' }).waitFor();
    await page.getByRole('link', { name: 'Events' }).waitFor();
    expect(await offered()).toEqual(['Events', 'Calls']);
  });

  it('offers a client with every scope every page, and each opens', async () => {
    await open(TEST_TOKEN, '#/events');
    for (const name of ALL_PAGES) await page.getByRole('link', { name }).waitFor();
    expect(await offered()).toEqual(ALL_PAGES);
    await shot('nav-full');
    const headings = ['Calls', 'Campaigns', 'Sync', 'Booking threads', 'Audit'];
    for (const [i, name] of ALL_PAGES.slice(1).entries()) {
      await page.getByRole('navigation').getByRole('link', { name }).click();
      await page.getByRole('heading', { name: headings[i], exact: true }).waitFor();
      expect(await page.getByText('lacks the scope').count()).toBe(0);
    }
  });

  it('says which scope a page typed into the address bar needs, without asking the API', async () => {
    const pages: [string, string, string][] = [
      ['#/audit', 'audit:read', 'Audit'],
      ['#/campaigns', 'campaigns', 'Campaigns'],
      ['#/campaigns/123', 'campaigns', 'Campaigns'],
      ['#/sync', 'sync:admin', 'Sync'],
      ['#/booking', 'booking:read', 'Booking'],
      ['#/booking/thread_1', 'booking:read', 'Booking'],
    ];
    for (const [hash, scope, heading] of pages) {
      await open(LIMITED_TOKEN, hash);
      await lacking(scope).waitFor();
      expect(await page.locator('main h1').innerText()).toBe(heading);
      expect(await page.getByText('Loading failed').count()).toBe(0);
      expect(await page.getByText('This route needs the scope').count()).toBe(0);
      if (hash === '#/audit') await shot('page-without-scope');
    }
    // From a page already open, as when the address is edited in the same tab.
    await open(LIMITED_TOKEN, '#/calls');
    await page.getByRole('heading', { name: 'Calls' }).waitFor();
    await page.evaluate(`location.hash = '#/audit'`);
    await lacking('audit:read').waitFor();
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Audit' }).count()).toBe(0);
    // Back to a page it may read, which loads as usual.
    await page.goBack();
    await page.getByRole('heading', { name: 'Calls' }).waitFor();
    expect(await page.getByText('lacks the scope').count()).toBe(0);
  });

  it('names every scope a page lacks, in German too', async () => {
    await open(CAMPAIGNS_TOKEN, '#/sync', 'de');
    await page
      .getByText('Ihrer Anmeldung fehlen für diese Seite die Scopes sync:admin, events:read.')
      .waitFor();
    expect(await page.locator('main h1').innerText()).toBe('Sync');
    expect(await page.getByText('Laden fehlgeschlagen').count()).toBe(0);
    await shot('page-without-scopes-de');
    await page.evaluate(`location.hash = '#/audit'`);
    await page.getByText('Ihrer Anmeldung fehlt für diese Seite der Scope audit:read.').waitFor();
    expect(await page.locator('main h1').innerText()).toBe('Protokoll');
    expect(await offered()).toEqual(['Kampagnen']);
    // The language switch says it again in English.
    await page.selectOption('#lang', 'en');
    await lacking('audit:read').waitFor();
  });
});
