// Sync: stats, events per hour as a chart, and the synced records with their events.
import { api, query } from '../api.js';
import { date, h, json, link, table } from '../dom.js';
import { formatPercent, t } from '../i18n.js';
import { activityChart } from './chart.js';

/**
 * @typedef {import('../../../public-types/console-api').SyncStats} SyncStats
 * @typedef {import('../../../public-types/console-api').SyncedRecord} SyncedRecord
 * @typedef {import('../../../public-types/console-api').ActivityBucket} ActivityBucket
 */
/** @template T @typedef {import('../../../public-types/console-api').ApiList<T>} ApiList */

/**
 * @param {string} label
 * @param {string | number} value
 */
function stat(label, value) {
  return h('div', { class: 'stat' }, h('b', { text: String(value) }), label);
}

export async function syncPage() {
  const [stats, activity] = /** @type {[SyncStats, ApiList<ActivityBucket>]} */ (
    await Promise.all([
      api('/api/v1/webhooks/stats'),
      api('/api/v1/webhooks/events/activity?hours=24&sources=supabase,notion'),
    ])
  );
  const source = h(
    'select',
    { id: 'r-source' },
    h('option', { value: '', text: t('any') }),
    ['supabase', 'notion'].map((s) => h('option', { value: s, text: s })),
  );
  const tableName = h('input', { id: 'r-table', size: 14 });
  const recordId = h('input', { id: 'r-id', size: 18 });
  const results = h('div', { 'aria-live': 'polite' });
  const detail = h('div', {});

  /** @param {SyncedRecord} r */
  async function showRecord(r) {
    const path = [r.source, r.table, r.record_id].map(encodeURIComponent).join('/');
    const copy = await api(`/api/v1/records/${path}`);
    detail.replaceChildren(
      h('h2', { text: `${r.source}/${r.table}/${r.record_id}` }),
      h('p', {}, link(`#/events?subject=${encodeURIComponent(r.record_id)}`, t('eventsOf'))),
      json(copy),
    );
  }

  async function load() {
    const list = /** @type {ApiList<SyncedRecord>} */ (
      await api(
        `/api/v1/records${query({ source: source.value, table: tableName.value.trim(), record_id: recordId.value.trim(), limit: 100 })}`,
      )
    );
    results.replaceChildren(
      table(
        t('records'),
        [
          { label: t('source'), cell: (r) => r.source },
          { label: t('table'), cell: (r) => r.table },
          {
            label: t('recordId'),
            cell: (r) =>
              h('button', {
                type: 'button',
                class: 'secondary',
                text: r.record_id,
                onclick: () => void showRecord(r),
              }),
          },
          {
            label: t('status'),
            cell: (r) =>
              [r.deleted ? t('deleted') : '', r.verified ? t('verified') : '']
                .filter(Boolean)
                .join(', ') || '–',
          },
          { label: t('updated'), cell: (r) => date(r.updated_at), class: 'hide-narrow' },
        ],
        list.data,
      ),
    );
  }
  await load();

  return h(
    'section',
    {},
    h('h1', { text: t('sync') }),
    h(
      'div',
      { class: 'stats' },
      stat(t('totalProcessed'), stats.total_processed),
      stat(t('totalFailed'), stats.total_failed),
      stat(t('successRate'), formatPercent(stats.success_rate)),
      stat(t('deadLettered'), stats.dead_lettered),
      stat(t('queued'), stats.queued),
    ),
    h('h2', { text: t('activity') }),
    activityChart(activity.data),
    h('h2', { text: t('records') }),
    h(
      'form',
      {
        class: 'filters',
        role: 'search',
        onsubmit: (/** @type {SubmitEvent} */ e) => {
          e.preventDefault();
          void load();
        },
      },
      h('label', { for: 'r-source' }, t('source'), source),
      h('label', { for: 'r-table' }, t('table'), tableName),
      h('label', { for: 'r-id' }, t('recordId'), recordId),
      h('button', { type: 'submit', text: t('filter') }),
    ),
    results,
    detail,
  );
}
