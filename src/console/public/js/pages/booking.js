// Booking threads: the list, and one thread as a conversation, with erasure.
import { api } from '../api.js';
import { badge, date, h, link, table } from '../dom.js';
import { eraseButton } from '../erase.js';
import { t } from '../i18n.js';

/** @typedef {import('../../../public-types/console-api').ThreadSummary} ThreadSummary */
/** @typedef {import('../../../public-types/console-api').Thread} Thread */
/** @template T @typedef {import('../../../public-types/console-api').ApiList<T>} ApiList */

export async function bookingPage() {
  const list = /** @type {ApiList<ThreadSummary>} */ (await api('/booking/threads?limit=200'));
  return h(
    'section',
    {},
    h('h1', { text: t('booking') }),
    table(
      t('booking'),
      [
        {
          label: t('thread'),
          cell: (th) => link(`#/booking/${encodeURIComponent(th.thread_id)}`, th.thread_id),
          class: 'mono',
        },
        { label: t('phone'), cell: (th) => th.phone },
        { label: t('messages'), cell: (th) => String(th.messages) },
        { label: t('lastMessage'), cell: (th) => date(th.last_message_at) },
      ],
      list.data,
    ),
  );
}

/** @param {string} id */
export async function threadPage(id) {
  const thread = /** @type {Thread} */ (await api(`/booking/threads/${encodeURIComponent(id)}`));
  const erase = eraseButton({
    title: t('eraseThreadTitle'),
    text: t('eraseThreadText'),
    path: `/booking/threads/${encodeURIComponent(id)}`,
    back: '#/booking',
  });
  return h(
    'section',
    {},
    h('p', {}, link('#/booking', `← ${t('back')}`)),
    h('h1', { text: `${t('thread')} ${thread.thread_id}` }),
    h(
      'p',
      { class: 'muted' },
      `${t('phone')}: ${thread.phone} · `,
      link(`#/events?subject=${encodeURIComponent(thread.thread_id)}`, t('navEvents')),
    ),
    h(
      'ol',
      { class: 'chat', 'aria-label': t('messages') },
      thread.messages.map((m) =>
        h(
          'li',
          { class: `bubble ${m.direction}` },
          m.message,
          h('small', {}, date(m.created_at), ' ', badge(m.status)),
        ),
      ),
    ),
    h('h2', { text: t('erase') }),
    erase,
  );
}
