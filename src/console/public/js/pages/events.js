// The event log: filters, live refresh, dead letters highlighted, bulk replay.
import { api, query } from '../api.js';
import { badge, confirmDialog, date, h, link, messageOf, table, toast } from '../dom.js';
import { t } from '../i18n.js';
import { disableWithout } from '../scopes.js';

const SOURCES = ['supabase', 'notion', 'elevenlabs', 'booking', 'generic'];
const STATUSES = ['received', 'processing', 'processed', 'failed', 'dead'];
const FILTERS = ['source', 'status', 'type', 'subject', 'from', 'to'];

/** @typedef {import('../../../public-types/console-api').EventPage} EventPage */
/** @typedef {import('../../../public-types/console-api').ReplayResult} ReplayResult */

/**
 * @param {string} name
 * @param {string[]} options
 * @param {string | undefined} value
 */
function select(name, options, value) {
  return h(
    'select',
    { id: `f-${name}`, name },
    h('option', { value: '', text: t('any') }),
    options.map((o) => h('option', { value: o, text: o, selected: o === value })),
  );
}

/**
 * @param {string} name
 * @param {HTMLElement} control
 */
function field(name, control) {
  return h('label', { for: `f-${name}` }, t(name), control);
}

/**
 * The API wants ISO instants; datetime-local gives local wall time.
 * @param {string} local
 */
const toIso = (local) => (local ? new Date(local).toISOString() : undefined);

/** @type {import('../../../public-types/console-api').Page} */
export async function eventsPage(search, onLeave) {
  const initial = Object.fromEntries(new URLSearchParams(search));
  const form = h(
    'form',
    { class: 'filters', role: 'search' },
    field('source', select('source', SOURCES, initial.source)),
    field('status', select('status', STATUSES, initial.status)),
    field('type', h('input', { id: 'f-type', name: 'type', value: initial.type ?? '', size: 12 })),
    field(
      'subject',
      h('input', { id: 'f-subject', name: 'subject', value: initial.subject ?? '', size: 18 }),
    ),
    field(
      'from',
      h('input', { id: 'f-from', name: 'from', type: 'datetime-local', value: initial.from ?? '' }),
    ),
    field(
      'to',
      h('input', { id: 'f-to', name: 'to', type: 'datetime-local', value: initial.to ?? '' }),
    ),
    h('button', { type: 'submit', text: t('filter') }),
  );
  const liveBox = h('input', { id: 'live', type: 'checkbox', checked: initial.live === '1' });
  const results = h('div', { 'aria-live': 'polite', 'aria-busy': 'false' });
  const bulk = h('button', { type: 'button', class: 'secondary', text: t('bulkReplay') });
  // In its row before the scope is known: the reason for a disabled button goes beside it.
  const actions = h(
    'div',
    { class: 'row' },
    h('label', { class: 'check', for: 'live' }, liveBox, t('live')),
    bulk,
  );
  disableWithout(bulk, 'events:replay');

  /** @returns {Record<string, string>} */
  const values = () =>
    Object.fromEntries(
      FILTERS.map((name) => {
        const control = form.elements.namedItem(name);
        const value =
          control instanceof HTMLInputElement || control instanceof HTMLSelectElement
            ? control.value
            : '';
        return [name, value.trim()];
      }),
    );
  /** @returns {Record<string, string | undefined>} */
  const apiFilters = () => {
    const v = values();
    return { ...v, from: toIso(v.from), to: toIso(v.to) };
  };

  async function load() {
    results.setAttribute('aria-busy', 'true');
    try {
      const page = /** @type {EventPage} */ (
        await api(`/api/v1/webhooks/events${query({ ...apiFilters(), limit: 100 })}`)
      );
      results.replaceChildren(
        table(
          t('navEvents'),
          [
            { label: t('received'), cell: (e) => date(e.received_at) },
            { label: t('source'), cell: (e) => e.source },
            { label: t('type'), cell: (e) => e.type, class: 'hide-narrow' },
            { label: t('subject'), cell: (e) => e.subject, class: 'mono' },
            { label: t('status'), cell: (e) => badge(e.status) },
            { label: t('attempts'), cell: (e) => String(e.attempts), class: 'hide-narrow' },
            { label: t('event'), cell: (e) => link(`#/events/${e.id}`, t('open')) },
          ],
          page.data.items,
          (e) => (e.status === 'dead' ? 'dead' : undefined),
        ),
      );
    } catch (error) {
      results.replaceChildren(h('p', { class: 'error', role: 'alert', text: messageOf(error) }));
    } finally {
      results.setAttribute('aria-busy', 'false');
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = `#/events${query({ ...values(), live: liveBox.checked ? '1' : '' })}`;
    if (location.hash === next) void load();
    else location.hash = next;
  });

  bulk.addEventListener('click', async () => {
    if (!(await confirmDialog(t('bulkTitle'), t('bulkText'), t('replay')))) return;
    const { status, ...rest } = apiFilters();
    /** @type {Record<string, string | undefined>} */
    const body = Object.fromEntries(Object.entries(rest).filter(([, v]) => v));
    if (status === 'failed' || status === 'dead') body.status = status;
    // Like the other actions: not clickable again while it runs.
    bulk.disabled = true;
    try {
      const result = /** @type {ReplayResult} */ (
        await api('/api/v1/webhooks/events/replay', {
          method: 'POST',
          body: { ...body, limit: 500 },
        })
      );
      toast(t('bulkDone', result.queued));
      await load();
    } catch (error) {
      toast(messageOf(error));
    } finally {
      // Unless meanwhile found to be outside the signed-in principal's scopes.
      bulk.disabled = bulk.dataset.missingScope !== undefined;
    }
  });

  /** @type {ReturnType<typeof setInterval> | undefined} */
  let timer;
  const setLive = () => {
    clearInterval(timer);
    timer = liveBox.checked ? setInterval(() => void load(), 3000) : undefined;
  };
  liveBox.addEventListener('change', setLive);
  setLive();
  onLeave(() => clearInterval(timer));
  await load();

  return h('section', {}, h('h1', { text: t('navEvents') }), form, actions, results);
}
