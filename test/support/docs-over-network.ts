// `.ci/run`'s check of the README's first command as a colleague sees it: the server started by
// `npm start` (listening on all interfaces) serves a /docs that renders in Chromium when opened
// at this machine's own non-loopback address over plain http. Usage: docs-over-network.ts URL
// SCREENSHOT. Exits non-zero when the UI does not render every module's tag.
import { launchBrowser } from './browser';

async function main(): Promise<void> {
  const [url, screenshot] = process.argv.slice(2);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (req) => failed.push(req.url()));
    await page.goto(url);
    await page.waitForSelector('.opblock-tag', { timeout: 20_000 });
    const tags = await page.locator('.opblock-tag').count();
    await page.screenshot({ path: screenshot });
    if (failed.length > 0) throw new Error(`requests failed: ${failed.join(', ')}`);
    process.stdout.write(`docs rendered at ${url}: ${tags} tags, screenshot ${screenshot}\n`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `docs did not render: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
