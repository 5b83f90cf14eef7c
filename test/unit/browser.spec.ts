// Which browser the page tests use: CHROMIUM_PATH, TEST_BROWSER or the machine's. The bundled
// build itself is tried in test/e2e/bundled-chromium.browser-spec.ts (the browser tier).
import { resolveBrowser } from '../support/browser';

describe('test browser provisioning', () => {
  it('prefers CHROMIUM_PATH, honours TEST_BROWSER and rejects an unknown choice', () => {
    expect(resolveBrowser({ CHROMIUM_PATH: '/opt/x/chrome', TEST_BROWSER: 'bundled' })).toEqual({
      source: 'path',
      executablePath: '/opt/x/chrome',
      env: {},
    });
    expect(resolveBrowser({ TEST_BROWSER: 'system' }).executablePath).toBe('/usr/bin/chromium');
    expect(resolveBrowser({ TEST_BROWSER: 'bundled' }).source).toBe('bundled');
    expect(() => resolveBrowser({ TEST_BROWSER: 'firefox' })).toThrow(/auto, system or bundled/);
  });
});
