// Calls: the list, and one call with its status timeline, answers per question, transcript,
// recording (fetched with the token, played from a blob: URL) and erasure.
import { api, blobUrl, query } from '../api.js';
import { badge, date, facts, h, link, messageOf, table } from '../dom.js';
import { eraseButton } from '../erase.js';
import { t } from '../i18n.js';

/**
 * @typedef {import('../../../public-types/console-api').CallSummary} CallSummary
 * @typedef {import('../../../public-types/console-api').CallDetail} CallDetail
 * @typedef {import('../../../public-types/console-api').CallAnswer} CallAnswer
 * @typedef {import('../../../public-types/console-api').TranscriptTurn} TranscriptTurn
 */
/** @template T @typedef {import('../../../public-types/console-api').ApiList<T>} ApiList */
/** @template T @typedef {import('../../../public-types/console-api').ApiItem<T>} ApiItem */

const STATUSES = ['initiated', 'link_created', 'completed', 'failed'];

export async function callsPage() {
  const status = h(
    'select',
    { id: 'f-call-status' },
    h('option', { value: '', text: t('any') }),
    STATUSES.map((s) => h('option', { value: s, text: s })),
  );
  const results = h('div', { 'aria-live': 'polite' });
  async function load() {
    const list = /** @type {ApiList<CallSummary>} */ (
      await api(`/calls${query({ status: status.value, limit: 200 })}`)
    );
    results.replaceChildren(
      table(
        t('calls'),
        [
          { label: t('created'), cell: (c) => date(c.created_at) },
          {
            label: t('candidate'),
            cell: (c) =>
              link(
                `#/calls/${encodeURIComponent(c.conversation_id)}`,
                `${c.first_name} ${c.last_name}`,
              ),
          },
          { label: t('campaign'), cell: (c) => c.campaign_id, class: 'hide-narrow' },
          { label: t('company'), cell: (c) => c.company, class: 'hide-narrow' },
          { label: t('status'), cell: (c) => badge(c.status) },
          { label: t('audio'), cell: (c) => (c.has_audio ? t('yes') : t('no')) },
        ],
        list.data,
      ),
    );
  }
  status.addEventListener('change', () => void load());
  await load();
  return h(
    'section',
    {},
    h('h1', { text: t('calls') }),
    h(
      'form',
      { class: 'filters', onsubmit: (/** @type {SubmitEvent} */ e) => e.preventDefault() },
      h('label', { for: 'f-call-status' }, t('status'), status),
    ),
    results,
  );
}

/**
 * A collected value as text; a structured one as JSON rather than `[object Object]`.
 * @param {unknown} value
 */
const answerText = (value) => {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return JSON.stringify(value);
};

/** @param {CallAnswer[] | null | undefined} answers */
function answersTable(answers) {
  return table(
    t('answers'),
    [
      { label: t('question'), cell: (a) => a.question ?? a.question_id },
      {
        label: t('answer'),
        cell: (a) => answerText(a.value),
      },
      { label: t('matched'), cell: (a) => (a.matched ? t('yes') : t('no')), class: 'hide-narrow' },
    ],
    answers ?? [],
  );
}

/**
 * What the API withheld, and why: it withholds only from a principal without `recordings`.
 * @param {string} what the label of the withheld part
 */
const withheld = (what) =>
  h('p', { class: 'muted', text: `${t(what)} ${t('needsScope')} recordings` });

/** @param {CallDetail} call */
function transcriptList(call) {
  if (call.withheld?.includes('transcript')) return withheld('transcriptWithheld');
  const turns = call.results?.transcript;
  if (!turns?.length) return h('p', { class: 'muted', text: t('noRows') });
  return h(
    'dl',
    { class: 'transcript' },
    turns.flatMap((turn) => [
      h('dt', {
        text: `${turn.role}${turn.time_in_call_secs === null ? '' : ` · ${turn.time_in_call_secs}s`}`,
      }),
      h('dd', { text: turn.message ?? '…' }),
    ]),
  );
}

/** @param {CallDetail} call */
function recording(call) {
  if (call.withheld?.includes('artefacts')) return withheld('recordingWithheld');
  if (!call.artefacts?.audio) return h('p', { class: 'muted', text: t('noAudio') });
  const holder = h('div', { id: 'recording' }, h('p', { class: 'muted', text: t('loadingAudio') }));
  blobUrl(`/calls/${encodeURIComponent(call.conversation_id)}/artefacts/audio`).then(
    (url) =>
      holder.replaceChildren(
        h('audio', { controls: true, preload: 'metadata', src: url, 'aria-label': t('audio') }),
      ),
    (error) => holder.replaceChildren(h('p', { class: 'error', text: messageOf(error) })),
  );
  return holder;
}

/** @param {string} id */
export async function callPage(id) {
  const call = /** @type {ApiItem<CallDetail>} */ (await api(`/calls/${encodeURIComponent(id)}`))
    .data;
  const results = call.results ?? {};
  const erase = eraseButton({
    title: t('eraseCallTitle'),
    text: t('eraseCallText'),
    path: `/calls/${encodeURIComponent(id)}`,
    back: '#/calls',
  });
  return h(
    'section',
    {},
    h('p', {}, link('#/calls', `← ${t('back')}`)),
    h('h1', {}, `${call.candidate.first_name} ${call.candidate.last_name} `, badge(call.status)),
    h(
      'div',
      { class: 'panel' },
      facts([
        ['ID', h('span', { class: 'mono', text: call.conversation_id })],
        [
          t('campaign'),
          link(`#/campaigns/${encodeURIComponent(call.campaign_id)}`, call.campaign_id),
        ],
        [t('company'), call.company],
        [t('created'), date(call.created_at)],
        [t('summary'), results.summary ?? null],
        [
          t('navEvents'),
          link(`#/events?subject=${encodeURIComponent(call.conversation_id)}`, t('open')),
        ],
      ]),
    ),
    h('h2', { text: t('audio') }),
    recording(call),
    h('h2', { text: t('timeline') }),
    h(
      'ol',
      { class: 'timeline' },
      (call.timeline ?? []).map((entry) => h('li', {}, badge(entry.status), ' ', date(entry.at))),
    ),
    h('h2', { text: t('answers') }),
    answersTable(results.answers),
    h('h2', { text: t('transcript') }),
    transcriptList(call),
    h('h2', { text: t('erase') }),
    erase,
  );
}
