// Swagger UI as a person sees it, in headless Chromium: every module's tag, the security schemes
// under "Authorize" with readable formats, all from local assets — also when the page is opened
// over plain http under a host name other than localhost (a colleague opening
// http://<machine>:3000/docs). The browser resolves that name to 127.0.0.1, so nothing leaves
// the machine. The screenshot stays in .ci/out as a test artefact.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

const HOST = 'hoc-webhooks.test';
const ARTEFACTS = join(__dirname, '..', '..', '.ci', 'out');

describe('Swagger UI in Chromium (e2e)', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser([`--host-resolver-rules=MAP ${HOST} 127.0.0.1`]);
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('renders over plain http under a non-localhost name, lists every module and readable schemes', async () => {
    const base = t.url.replace('127.0.0.1', HOST);
    const page = await browser.newPage();
    const external: string[] = [];
    const failed: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(base)) external.push(req.url());
    });
    page.on('requestfailed', (req) => failed.push(req.url()));
    try {
      await page.goto(`${base}/docs`);
      await page.waitForSelector('.opblock-tag', { timeout: 15_000 });
      const tags = await page
        .locator('.opblock-tag')
        .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-tag')));
      expect(tags).toEqual(
        expect.arrayContaining(['Health', 'Campaigns', 'Calls', 'Post-call', 'Sync', 'Booking']),
      );
      mkdirSync(ARTEFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTEFACTS, 'swagger-docs.png'), fullPage: false });
      await page.locator('button.authorize').first().click();
      const dialog = page.locator('.modal-ux');
      await dialog.waitFor();
      const text = await dialog.innerText();
      expect(text).toContain('bearer');
      expect(text).toContain('ElevenLabs-Signature');
      // The format survives Markdown rendering: placeholders in angle brackets stay visible.
      expect(text).toContain('t=<unix seconds>,v0=<hex HMAC-SHA256(secret, "<t>.<raw body>")>');
      expect(external).toEqual([]);
      expect(failed).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
