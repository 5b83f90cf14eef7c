// The console shell: sign-in, navigation and a hash router (#/events/…), so ids travel in the
// fragment, never to the server, and the token never appears in any URL.
import { auditPage } from './pages/audit.js';
import { auth, checkToken, lacking } from './api.js';
import { byId, h, errorText } from './dom.js';
import { currentLang, setLang, t } from './i18n.js';
import { bookingPage, threadPage } from './pages/booking.js';
import { callPage, callsPage } from './pages/calls.js';
import { campaignPage, campaignsPage } from './pages/campaigns.js';
import { eventPage } from './pages/event-detail.js';
import { eventsPage } from './pages/events.js';
import { syncPage } from './pages/sync.js';

/** @typedef {import('../../public-types/console-api').Page} Page */

/**
 * The console's sections: link, label, and the scopes their pages read with (without one the API
 * answers 403; docs/security.md lists each route's scope).
 * @typedef {{ href: string, label: string, scopes: string[] }} Section
 */
/** @satisfies {Record<string, Section>} */
const SECTIONS = {
  events: { href: '#/events', label: 'navEvents', scopes: ['events:read'] },
  calls: { href: '#/calls', label: 'navCalls', scopes: ['calls'] },
  campaigns: { href: '#/campaigns', label: 'navCampaigns', scopes: ['campaigns'] },
  // Stats and records need sync:admin, the events-per-hour chart events:read.
  sync: { href: '#/sync', label: 'navSync', scopes: ['sync:admin', 'events:read'] },
  booking: { href: '#/booking', label: 'navBooking', scopes: ['booking:read'] },
  audit: { href: '#/audit', label: 'navAudit', scopes: ['audit:read'] },
};
const NAV = Object.values(SECTIONS);

/** @type {[RegExp, Page, Section][]} */
const ROUTES = [
  [/^#\/events\/([\w-]+)$/, eventPage, SECTIONS.events],
  [/^#\/events(?:\?(.*))?$/, eventsPage, SECTIONS.events],
  [/^#\/calls\/([\w-]+)$/, callPage, SECTIONS.calls],
  [/^#\/calls$/, callsPage, SECTIONS.calls],
  [/^#\/campaigns\/([^/]+)$/, campaignPage, SECTIONS.campaigns],
  [/^#\/campaigns$/, campaignsPage, SECTIONS.campaigns],
  [/^#\/sync$/, syncPage, SECTIONS.sync],
  [/^#\/booking\/([^/]+)$/, threadPage, SECTIONS.booking],
  [/^#\/booking$/, bookingPage, SECTIONS.booking],
  [/^#\/audit(?:\?(.*))?$/, auditPage, SECTIONS.audit],
];

const main = () => byId('main');
/** @type {(() => void) | null} */
let leave = null;

function renderChrome() {
  document.documentElement.lang = currentLang();
  byId('skip-link').textContent = t('skip');
  byId('lang-label').textContent = t('language');
  byId('lang', HTMLSelectElement).value = currentLang();
  const signOut = byId('sign-out');
  signOut.textContent = t('signOut');
  signOut.hidden = !auth.signedIn;
  const nav = byId('nav');
  nav.replaceChildren(
    ...(auth.signedIn ? NAV : []).map(({ href, label, scopes }) => {
      const current = location.hash.startsWith(href);
      const link = h('a', {
        href,
        text: t(label),
        'aria-current': current ? 'page' : undefined,
        hidden: true,
      });
      // Offered once the signed-in principal is known to hold its scopes (else the API says 403).
      void lacking(scopes).then(
        (missing) => (link.hidden = missing.length > 0),
        () => {},
      );
      return link;
    }),
  );
}

function signInPage() {
  const input = h('input', {
    id: 'token',
    type: 'password',
    autocomplete: 'off',
    required: true,
    'aria-describedby': 'token-hint',
  });
  // Why the API ended the last sign-in in this tab (a 401's message), until the next sign-in.
  const reason = auth.signedOutReason;
  const message = h('p', {
    class: 'error',
    role: 'alert',
    text: reason === null ? '' : reason || t('signedOut'),
  });
  const form = h(
    'form',
    {
      onsubmit: async (/** @type {SubmitEvent} */ event) => {
        event.preventDefault();
        message.textContent = '';
        try {
          if (!(await checkToken(input.value.trim()))) return (message.textContent = t('badToken'));
        } catch {
          return (message.textContent = t('networkError'));
        }
        auth.set(input.value.trim());
        if (!location.hash || location.hash === '#/') location.hash = '#/events';
        else void route();
      },
    },
    h('label', { for: 'token', text: t('tokenLabel') }),
    input,
    h('small', { id: 'token-hint', class: 'muted', text: t('tokenHint') }),
    message,
    h('button', { type: 'submit', text: t('signIn') }),
  );
  const refused = new URLSearchParams(location.search).get('sign_in_error');
  const viaProvider = auth.provider && [
    h('a', {
      class: 'button',
      id: 'sign-in-provider',
      href: '/console/auth/login',
      text: t('signInWith').replace('{name}', auth.provider.display_name),
    }),
    refused && h('p', { class: 'error', role: 'alert', text: t('signInRefused') }),
    h('p', { class: 'muted', text: t('orToken') }),
  ];
  return h(
    'section',
    { class: 'signin' },
    h('h1', { text: t('signInTitle') }),
    ...(viaProvider || []).filter(Boolean),
    form,
  );
}

/**
 * In place of a page whose scopes the signed-in principal lacks.
 * @param {Section} section
 * @param {string[]} missing
 */
function withoutScopes(section, missing) {
  return h(
    'section',
    {},
    h('h1', { text: t(section.label) }),
    h('p', {
      class: 'panel',
      text: t('pageNeedsScopes', missing.length).replace('{scope}', missing.join(', ')),
    }),
  );
}

/** Counts route() calls: a page that finishes loading after a later navigation is dropped. */
let routeCount = 0;

async function route() {
  const current = ++routeCount;
  if (leave) leave();
  leave = null;
  renderChrome();
  const target = main();
  if (!auth.signedIn) {
    target.replaceChildren(signInPage());
    target.querySelector('input')?.focus();
    return;
  }
  const hash = location.hash || '#/events';
  const match = ROUTES.map(([pattern, page, section]) => ({
    params: hash.match(pattern),
    page,
    section,
  })).find(({ params }) => params);
  if (!match?.params) {
    location.hash = '#/events';
    return;
  }
  const { params, page, section } = match;
  try {
    /** @type {(() => void) | null} */
    let cleanupOfThis = null;
    // A page the principal may not read (an address typed or kept) says so instead of a 403.
    const missing = await lacking(section.scopes);
    const view = missing.length
      ? withoutScopes(section, missing)
      : await page(decodeURIComponent(params[1] ?? ''), (cleanup) => {
          cleanupOfThis = cleanup;
          if (current === routeCount) leave = cleanup;
        });
    // Navigated on while loading: the later page is (or will be) shown, not this one.
    if (current !== routeCount) {
      /** @type {(() => void) | null} */ (cleanupOfThis)?.();
      return;
    }
    // Signed out while loading (a 401): the sign-in form is already shown and stays.
    if (!auth.signedIn) return;
    target.replaceChildren(view);
  } catch (error) {
    if (current !== routeCount) return;
    // A 401 already signed out: the sign-in form (with the reason) replaces the page.
    if (/** @type {{ status?: number }} */ (error)?.status === 401 || !auth.signedIn)
      return route();
    target.replaceChildren(errorText(error));
  }
  target.focus({ preventScroll: true });
}

window.addEventListener('hashchange', () => void route());
window.addEventListener('console:signed-out', () => void route());
document.addEventListener('DOMContentLoaded', () => {
  const lang = byId('lang', HTMLSelectElement);
  lang.addEventListener('change', () => {
    setLang(lang.value);
    void route();
  });
  byId('sign-out').addEventListener('click', async () => {
    await auth.signOut();
    location.hash = '';
    void route();
  });
  auth.load().then(
    () => route(),
    () => route(),
  );
});
