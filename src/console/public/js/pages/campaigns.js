// Campaigns: built packages with their upload status; one package with its questions.
import { api } from '../api.js';
import { badge, date, facts, h, link, table } from '../dom.js';
import { t } from '../i18n.js';

/** @typedef {import('../../../public-types/console-api').CampaignSummary} CampaignSummary */
/** @typedef {import('../../../public-types/console-api').CampaignPackage} CampaignPackage */
/** @template T @typedef {import('../../../public-types/console-api').ApiList<T>} ApiList */

export async function campaignsPage() {
  const list = /** @type {ApiList<CampaignSummary>} */ (await api('/campaigns?limit=200'));
  return h(
    'section',
    {},
    h('h1', { text: t('campaigns') }),
    table(
      t('campaigns'),
      [
        {
          label: t('campaign'),
          cell: (c) => link(`#/campaigns/${encodeURIComponent(c.campaign_id)}`, c.campaign_id),
        },
        { label: t('company'), cell: (c) => c.company_name },
        { label: t('questions'), cell: (c) => String(c.question_count) },
        { label: t('upload'), cell: (c) => badge(c.upload_status) },
        { label: t('updated'), cell: (c) => date(c.updated_at), class: 'hide-narrow' },
      ],
      list.data,
    ),
  );
}

/** @param {string} id */
export async function campaignPage(id) {
  const pkg = /** @type {CampaignPackage} */ (
    await api(`/campaigns/${encodeURIComponent(id)}/package`)
  );
  return h(
    'section',
    {},
    h('p', {}, link('#/campaigns', `← ${t('back')}`)),
    h('h1', {}, `${t('campaign')} ${pkg.campaign_id} `, badge(pkg.upload_status)),
    h(
      'div',
      { class: 'panel' },
      facts([
        [t('company'), pkg.company_name],
        [t('jobTitle'), pkg.job_title],
        [t('language2'), pkg.language],
        [t('agent'), pkg.agent?.name],
        [t('created'), date(pkg.created_at)],
        ['Package', h('span', { class: 'mono', text: pkg.package_id })],
      ]),
    ),
    h('h2', { text: t('questions') }),
    table(
      t('questions'),
      [
        { label: '#', cell: (q) => String(q.order) },
        { label: t('question'), cell: (q) => q.text },
        { label: t('type'), cell: (q) => q.type, class: 'hide-narrow' },
        { label: t('required'), cell: (q) => (q.required ? t('yes') : t('no')) },
      ],
      pkg.questions ?? [],
    ),
  );
}
