// The page tests' browser comes from npm when the machine has no Chromium: the bundled build
// must unpack, find its own NSS libraries (not Debian's) and render a page. Which browser is
// chosen: test/unit/browser.spec.ts.
import { spawnSync } from 'node:child_process';
import { bundledChromium, launchBrowser } from '../support/browser';

describe('the bundled test browser', () => {
  it('unpacks the npm Chromium with its own NSS libraries', () => {
    const binary = bundledChromium();
    const ldd = spawnSync('ldd', [binary.executablePath], {
      env: { ...process.env, ...binary.env },
      encoding: 'utf8',
    });
    expect(ldd.stdout).not.toContain('not found');
    const nss = ldd.stdout.split('\n').find((line) => line.includes('libnss3.so'));
    expect(nss).toContain(binary.env.LD_LIBRARY_PATH.split(':')[0]);
  });

  it('launches the npm Chromium headless and renders text', async () => {
    const browser = await launchBrowser([], bundledChromium());
    try {
      expect(browser.version()).toMatch(/^147\./);
      const page = await browser.newPage();
      await page.setContent('<div id="p" style="width:200px;background:#fff">Grüß Gott</div>');
      const text = page.locator('#p');
      expect(await text.textContent()).toBe('Grüß Gott');
      // Pixels, not just DOM: the glyphs change the picture compared with transparent text.
      const drawn = await text.screenshot();
      await text.evaluate(
        (node: { style: { color: string } }) => (node.style.color = 'transparent'),
      );
      expect(drawn.equals(await text.screenshot())).toBe(false);
    } finally {
      await browser.close();
    }
  });
});
