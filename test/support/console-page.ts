// The operator console in a Playwright page, for the browser specs: signed in as a principal,
// with everything that goes wrong in the page written down for the test to assert on.
import type { Page } from 'playwright-core';

/**
 * Opens the console at `hash`, signed in with `token`, in `lang`. The last step is a page load of
 * its own, as when the address is typed into a new tab: from /console/ a hash is a same-document
 * navigation, and the console would carry on with the token (and identity) it loaded with.
 */
export async function openConsoleSignedIn(
  page: Page,
  appUrl: string,
  token: string,
  hash: string,
  lang: 'de' | 'en',
): Promise<void> {
  await page.goto(`${appUrl}/console/`);
  await page.evaluate(
    `sessionStorage.setItem('hoc.console.token', ${JSON.stringify(token)});
     localStorage.setItem('hoc.console.lang', ${JSON.stringify(lang)});`,
  );
  await page.goto('about:blank');
  await page.goto(`${appUrl}/console/${hash}`);
}

/** Adds to `problems` each CSP violation, console error and uncaught error of `page`. */
export async function recordPageProblems(page: Page, problems: string[]): Promise<void> {
  await page.exposeFunction('reportCspViolation', (text: string) => problems.push(`CSP: ${text}`));
  // The page's own CSP applies to scripts it loads, not to this one (Playwright injects it).
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) =>
        window.reportCspViolation(e.violatedDirective + ' ' + e.blockedURI));`,
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
}
