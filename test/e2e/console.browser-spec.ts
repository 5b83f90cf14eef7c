// The operator console in headless Chromium, driven as an operator would: sign in, find a dead
// Supabase event by its record id, replay it and see it processed; play a call's recording;
// erase a call. Each test but the first opens the console signed in on its own, so any one runs
// alone and in any order. Every page is screenshotted (test-results/console, or CONSOLE_SCREENSHOTS_DIR);
// any console error or CSP violation fails the suite.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { FakeHoc } from '../../tools/fakes/hoc.fake';
import { FakeSupabase } from '../../tools/fakes/supabase.fake';
import { launchBrowser } from '../support/browser';
import { openConsoleSignedIn, recordPageProblems } from '../support/console-page';
import { CANDIDATE, completedCall } from '../support/call-scenario';
import { eventWithStatus, postSupabase, supabaseInsert } from '../support/events';
import { bearer, eventually, startTestApp, TEST_TOKEN, type TestApp } from '../support/test-app';

const SHOTS =
  process.env.CONSOLE_SCREENSHOTS_DIR ?? join(__dirname, '..', '..', 'test-results', 'console');
const RECORD_ID = '4711';
/** A record whose Supabase event was processed, for the sync page. */
const SYNCED_ID = '4712';
const ERASABLE = { candidate_first_name: 'Erika', candidate_last_name: 'Mustermann' };

describe('operator console in Chromium (e2e)', () => {
  const hoc = new FakeHoc();
  const source = new FakeSupabase();
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let deadEventId: string;
  let erasableCallId: string;
  const problems: string[] = [];

  const shot = (name: string) =>
    page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  /** Each test but the sign-in one starts here, signed in, in `lang`: no test needs another. */
  const open = (hash: string, lang: 'de' | 'en' = 'de') =>
    openConsoleSignedIn(page, t.url, TEST_TOKEN, hash, lang);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await Promise.all([hoc.start(), source.start()]);
    t = await startTestApp({
      HOC_API_URL: hoc.url,
      HOC_API_KEY: hoc.apiKey,
      ELEVENLABS_AGENT_ID: 'agent_test_susi',
      SUPABASE_URL: source.url,
      SUPABASE_KEY: source.apiKey,
      SYNC_MAX_ATTEMPTS: '1',
    });
    // The state an operator meets: a dead Supabase event, a completed call, a campaign, a thread.
    source.fail(/^\/rest\/v1\/applicants/, { status: 503, body: { message: 'down' } });
    deadEventId = await postSupabase(
      t.url,
      supabaseInsert('applicants', { id: Number(RECORD_ID), name: 'Anna Schmidt' }),
    );
    await eventWithStatus(t, deadEventId, 'dead');
    source.put('candidates', { id: Number(SYNCED_ID), name: 'Jonas Weber' });
    await eventWithStatus(
      t,
      await postSupabase(t.url, supabaseInsert('candidates', { id: Number(SYNCED_ID) })),
      'processed',
    );
    await request(t.url)
      .post('/webhook/setup-campaign')
      .set(bearer)
      .send({ campaign_id: '123' })
      .expect(200);
    await completedCall(t.url);
    erasableCallId = await completedCall(t.url, { ...CANDIDATE, ...ERASABLE });
    await request(t.url)
      .post('/booking/webhook')
      .send({
        message: 'Hallo, ich möchte einen Termin',
        phone: '+491701112233',
        thread_id: 'thread_console_1',
      })
      .expect(200);

    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'de-DE' });
    page = await context.newPage();
    await recordPageProblems(page, problems);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await Promise.all([hoc.stop(), source.stop()]);
  });
  afterEach(() => {
    expect(problems).toEqual([]);
  });

  it('serves the console with a strict CSP and asks for a token, with the keyboard', async () => {
    // Signed out, whichever test ran before in this page.
    await page.goto(`${t.url}/console/`);
    await page.evaluate(`sessionStorage.clear(); localStorage.clear();`);
    await page.goto('about:blank');
    const response = await page.goto(`${t.url}/console/`);
    expect(response?.status()).toBe(200);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    await page.getByLabel('API-Token').waitFor();
    await shot('sign-in');
    // The detector works: an inline script is refused and reported (then forgotten).
    await page.evaluate(
      `document.body.append(Object.assign(document.createElement('script'), { textContent: 'window.injected = 1' }))`,
    );
    await eventually(async () => problems.some((p) => p.startsWith('CSP: script-src')));
    expect(problems.some((p) => p.startsWith('console: Executing inline script violates'))).toBe(
      true,
    );
    expect(await page.evaluate('window.injected')).toBeUndefined();
    problems.length = 0;
    await page.getByLabel('API-Token').fill('wrong-token');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'nicht akzeptiert' }).waitFor();
    // The one error this test provokes: Chromium logs the refused token's 401.
    expect(problems).toEqual([expect.stringContaining('401 (Unauthorized)')]);
    problems.length = 0;
    await page.getByLabel('API-Token').fill(TEST_TOKEN);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Ereignisse' }).waitFor();
    expect(page.url()).not.toContain(TEST_TOKEN);
    expect(await page.evaluate(`sessionStorage.getItem('hoc.console.token')`)).toBe(TEST_TOKEN);
  });

  it('finds the dead Supabase event by its record id, replays it and sees it processed', async () => {
    await open('#/events');
    await page.getByLabel('Bezug').fill(RECORD_ID);
    await page.getByRole('button', { name: 'Filtern' }).click();
    // The unfiltered list already shows this row; the filter has applied once it is the only one.
    await page.waitForURL(new RegExp(`subject=${RECORD_ID}`));
    await eventually(async () => (await page.locator('tbody tr').count()) === 1);
    const row = page.locator('tr.dead', { hasText: RECORD_ID });
    expect(await row.count()).toBe(1);
    await shot('events');
    await row.getByRole('link').click();
    await page.getByRole('heading', { name: /Ereignis dead/ }).waitFor();
    expect(
      await page.locator('pre').filter({ hasText: '"x-webhook-secret": "[redacted]"' }).count(),
    ).toBe(1);
    await shot('event-dead');

    source.heal();
    source.put('applicants', { id: Number(RECORD_ID), name: 'Anna Schmidt' });
    await page.getByLabel('Grund (bleibt im Verlauf)').fill('Supabase wieder erreichbar');
    await page.getByRole('button', { name: 'Erneut verarbeiten' }).click();
    await page.getByRole('heading', { name: /Ereignis processed/ }).waitFor({ timeout: 20_000 });
    await page.getByRole('cell', { name: 'Supabase wieder erreichbar' }).waitFor();
    await shot('event-processed');
  });

  it('disables bulk replay while it runs, with the cursor of the other buttons', async () => {
    // A subject nothing has: the replay queues nothing, so no other test's event moves.
    await open('#/events?subject=no-such-record', 'en');
    const bulk = page.getByRole('button', { name: 'Replay failed and dead events' });
    const filter = page.getByRole('button', { name: 'Filter', exact: true });
    await bulk.waitFor();
    const cursor = (button: typeof bulk) =>
      button.evaluate((el: any) => el.ownerDocument.defaultView.getComputedStyle(el).cursor);
    expect(await cursor(filter)).toBe('pointer');
    expect(await cursor(bulk)).toBe('pointer');
    // The bulk replay's answer is held until the running button has been looked at.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let posts = 0;
    await page.route('**/api/v1/webhooks/events/replay', async (route) => {
      posts += 1;
      await held;
      await route.continue();
    });
    await bulk.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Replay' }).click();
    await eventually(async () => posts === 1);
    expect(await bulk.isDisabled()).toBe(true);
    expect(await cursor(bulk)).toBe('default');
    await shot('bulk-replay-running');
    release();
    await page.getByRole('status').filter({ hasText: '0 event(s) queued again.' }).waitFor();
    await eventually(async () => !(await bulk.isDisabled()));
    expect(await cursor(bulk)).toBe('pointer');
    expect(posts).toBe(1);
    await page.unroute('**/api/v1/webhooks/events/replay');
  });

  it('opens a completed call and plays its recording', async () => {
    await open('#/calls');
    await page.getByRole('heading', { name: 'Anrufe' }).waitFor();
    await shot('calls');
    await page.getByRole('link', { name: 'Wilhelmine Quenstedt' }).click();
    const audio = page.locator('audio');
    await audio.waitFor();
    await page.getByRole('heading', { name: 'Transkript' }).waitFor();
    const played = await audio.evaluate(async (el: any) => {
      el.muted = true;
      await el.play();
      return { src: el.src, error: el.error?.code ?? null };
    });
    expect(played.src).toMatch(/^blob:/);
    expect(played.error).toBeNull();
    await shot('call');
  });

  it('shows campaigns, sync and booking pages', async () => {
    await open('#/campaigns');
    await page.getByRole('link', { name: '123' }).click();
    await page.getByRole('heading', { name: 'Fragen' }).waitFor();
    await shot('campaign');
    await page.evaluate(`location.hash = '#/sync'`);
    await page.locator('.chart svg').waitFor();
    // The API's success rate is a fraction (0.5); the page shows it as a German percentage.
    const rate = (await request(t.url).get('/api/v1/webhooks/stats').set(bearer).expect(200)).body
      .success_rate as number;
    const percent = new Intl.NumberFormat('de-DE', {
      style: 'percent',
      maximumFractionDigits: 1,
    }).format(rate);
    expect(percent).toMatch(/^\d+(,\d)?\u00a0%$/);
    await page.getByText(percent, { exact: true }).waitFor();
    const barHeights = await page
      .locator('.chart svg rect')
      .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('height'))));
    expect(barHeights.some((height) => height > 0)).toBe(true);
    await page.getByRole('button', { name: SYNCED_ID }).click();
    await page.getByRole('heading', { name: `supabase/candidates/${SYNCED_ID}` }).waitFor();
    await shot('sync');
    await page.evaluate(`location.hash = '#/booking'`);
    await page.getByRole('link', { name: 'thread_console_1' }).click();
    await page.locator('.bubble.inbound').waitFor();
    await shot('booking-thread');
    await page.selectOption('#lang', 'en');
    await page.getByRole('heading', { name: 'Thread thread_console_1' }).waitFor();
  });

  it('fits a phone screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open('#/events', 'en');
    await page.getByRole('heading', { name: 'Events' }).waitFor();
    const overflow = await page.evaluate(
      'document.documentElement.scrollWidth - window.innerWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('events-phone');
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('erases a call after confirmation and shows it gone', async () => {
    await open(`#/calls/${erasableCallId}`, 'en');
    await page.getByRole('button', { name: 'Erase' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await shot('erase-confirm');
    await dialog.getByRole('button', { name: 'Erase' }).click();
    await page.getByRole('heading', { name: 'Calls' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Erased.' }).waitFor();
    expect(await page.getByRole('link', { name: 'Erika Mustermann' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Wilhelmine Quenstedt' }).waitFor();
    await request(t.url).get(`/calls/${erasableCallId}`).set(bearer).expect(404);
  });
});
