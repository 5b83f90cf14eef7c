// A stacked bar chart of events per hour as inline SVG (attributes only: nothing for the CSP
// to refuse), with a text table for screen readers.
import { h } from '../dom.js';
import { t } from '../i18n.js';

const NS = 'http://www.w3.org/2000/svg';
/** @type {['processed' | 'failed' | 'dead', string][]} */
const SERIES = [
  ['processed', '#2da44e'],
  ['failed', '#bf8700'],
  ['dead', '#a40e26'],
];

/** @typedef {import('../../../public-types/console-api').ActivityBucket} ActivityBucket */

/**
 * @param {string} tag
 * @param {Record<string, string | number>} attrs
 * @param {...(Node | string)} children
 */
function svg(tag, attrs, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  el.append(...children);
  return el;
}

/** @param {ActivityBucket[]} buckets */
export function activityChart(buckets) {
  const width = 720;
  const height = 220;
  const pad = 28;
  const max = Math.max(1, ...buckets.map((b) => b.received));
  const slot = (width - pad) / Math.max(1, buckets.length);
  const bars = buckets.flatMap((bucket, i) => {
    let y = height - pad;
    return SERIES.map(([key, color]) => {
      const barHeight = ((height - 2 * pad) * bucket[key]) / max;
      y -= barHeight;
      return svg('rect', {
        x: pad + i * slot + 1,
        y,
        width: Math.max(1, slot - 2),
        height: barHeight,
        fill: color,
      });
    });
  });
  const labels = buckets
    .filter((_, i) => i % 4 === 0)
    .map((bucket) => {
      const i = buckets.indexOf(bucket);
      return svg(
        'text',
        { x: pad + i * slot, y: height - 8, 'font-size': 11, fill: '#4b5563' },
        `${new Date(bucket.start).getHours()}:00`,
      );
    });
  const chart = svg(
    'svg',
    { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': 'chart-title' },
    svg('title', { id: 'chart-title' }, t('activity')),
    svg('line', { x1: pad, y1: height - pad, x2: width, y2: height - pad, stroke: '#8c959f' }),
    svg('text', { x: 2, y: pad, 'font-size': 11, fill: '#4b5563' }, String(max)),
    ...bars,
    ...labels,
  );
  const legend = h(
    'div',
    { class: 'legend', 'aria-hidden': 'true' },
    SERIES.map(([key]) => h('span', {}, h('span', { class: `swatch ${key}` }), t(key))),
  );
  return h('figure', { class: 'chart' }, chart, legend);
}
