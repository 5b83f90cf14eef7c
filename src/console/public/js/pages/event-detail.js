// One event: facts, replay with a reason, attempts and replays, payload and redacted headers.
import { api, auth } from '../api.js';
import { badge, date, facts, h, json, link, table, toast } from '../dom.js';
import { t } from '../i18n.js';

const FINISHED = ['processed', 'failed', 'dead'];

export async function eventPage(id, onLeave) {
  const root = h('section', {});
  let timer = null;
  onLeave(() => clearTimeout(timer));

  async function render() {
    const event = (await api(`/api/v1/webhooks/events/${encodeURIComponent(id)}`)).data;
    const reason = h('input', { id: 'replay-reason', size: 30, maxlength: 500 });
    const replay = h('button', {
      type: 'submit',
      text: t('replay'),
      disabled: !event.replayable || !FINISHED.includes(event.status) || !auth.can('events:replay'),
    });
    const replayForm = h(
      'form',
      {
        class: 'filters',
        onsubmit: async (submit) => {
          submit.preventDefault();
          replay.disabled = true;
          try {
            const body = reason.value.trim() ? { reason: reason.value.trim() } : {};
            await api(`/api/v1/webhooks/events/${encodeURIComponent(id)}/replay`, {
              method: 'POST',
              body,
            });
            toast(t('replayQueued'));
            await render();
          } catch (error) {
            toast(error.message);
            replay.disabled = false;
          }
        },
      },
      h('label', { for: 'replay-reason' }, t('replayReason'), reason),
      replay,
    );
    root.replaceChildren(
      h('p', {}, link('#/events', `← ${t('back')}`)),
      h('h1', {}, `${t('event')} `, badge(event.status)),
      h(
        'div',
        { class: 'panel' },
        facts([
          ['ID', h('span', { class: 'mono', text: event.id })],
          [t('source'), event.source],
          [t('type'), event.type],
          [
            t('subject'),
            event.subject
              ? link(`#/events?subject=${encodeURIComponent(event.subject)}`, event.subject)
              : null,
          ],
          [t('received'), date(event.received_at)],
          [t('attempts'), String(event.attempts)],
          [t('lastError'), event.last_error],
          [t('outcome'), event.outcome ? json(event.outcome) : null],
        ]),
      ),
      event.replayable ? replayForm : h('p', { class: 'muted', text: t('notReplayable') }),
      h('h2', { text: t('history') }),
      table(
        t('history'),
        [
          { label: t('at'), cell: (a) => date(a.at) },
          { label: t('kind'), cell: (a) => a.kind },
          { label: t('outcome'), cell: (a) => (a.outcome ? badge(a.outcome) : null) },
          {
            label: t('duration'),
            cell: (a) => (a.duration_ms === undefined ? null : `${a.duration_ms} ms`),
          },
          { label: t('detail'), cell: (a) => a.error ?? a.reason ?? null },
        ],
        event.attempt_history,
      ),
      h('h2', { text: t('payload') }),
      json(event.payload),
      h('h2', { text: t('headers') }),
      json(event.headers ?? {}),
    );
    // Until the event is finished, follow it.
    clearTimeout(timer);
    if (!FINISHED.includes(event.status))
      timer = setTimeout(() => void render().catch(() => undefined), 1000);
  }

  await render();
  return root;
}
