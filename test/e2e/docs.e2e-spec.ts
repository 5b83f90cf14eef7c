// Swagger UI as a person sees it, in headless Chromium: every module's tag and the bearer
// scheme under "Authorize", all from local assets.
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

describe('Swagger UI in Chromium (e2e)', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('lists every module and offers bearer under Authorize', async () => {
    const page = await browser.newPage();
    const external: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(t.url)) external.push(req.url());
    });
    try {
      await page.goto(`${t.url}/docs`);
      await page.waitForSelector('.opblock-tag', { timeout: 15_000 });
      const tags = await page
        .locator('.opblock-tag')
        .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-tag')));
      expect(tags).toEqual(
        expect.arrayContaining(['Health', 'Campaigns', 'Calls', 'Post-call', 'Sync', 'Booking']),
      );
      await page.locator('button.authorize').first().click();
      const dialog = page.locator('.modal-ux');
      await dialog.waitFor();
      const text = await dialog.innerText();
      expect(text).toContain('bearer');
      expect(text).toContain('ElevenLabs-Signature');
      expect(external).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
