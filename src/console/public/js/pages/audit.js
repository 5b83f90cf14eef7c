// The audit trail: who did what, newest first (GET /api/v1/audit, scope audit:read).
import { api, query } from '../api.js';
import { badge, date, h, table } from '../dom.js';
import { t } from '../i18n.js';

/** @param {string} search */
export async function auditPage(search) {
  const params = new URLSearchParams(search);
  const page = await api(
    `/api/v1/audit${query({ actor: params.get('actor'), action: params.get('action'), before: params.get('before'), limit: 100 })}`,
  );
  const { entries, next_before: nextBefore } =
    /** @type {import('../../../public-types/console-api').ApiItem<import('../../../public-types/console-api').AuditPage>} */ (
      page
    ).data;
  const older = new URLSearchParams(params);
  if (nextBefore) older.set('before', String(nextBefore));
  return h(
    'section',
    {},
    h('h1', { text: t('navAudit') }),
    table(
      t('navAudit'),
      [
        { label: t('auditAt'), cell: (e) => date(e.at) },
        { label: t('auditActor'), cell: (e) => e.actor ?? '–' },
        { label: t('auditAction'), cell: (e) => e.action },
        {
          label: t('auditTarget'),
          cell: (e) =>
            e.target
              ? h('span', { class: 'mono', text: `${e.target_kind}: ${e.target.slice(0, 16)}` })
              : '–',
        },
        {
          label: t('auditOutcome'),
          cell: (e) => badge(e.outcome === 'success' ? 'processed' : 'failed'),
        },
        { label: 'IP', cell: (e) => e.source_ip ?? '', class: 'hide-narrow' },
      ],
      entries,
    ),
    nextBefore ? h('p', {}, h('a', { href: `#/audit?${older}`, text: t('auditOlder') })) : '',
  );
}
