// Tiny DOM helpers: elements built with properties (no HTML strings, so no injection and no
// inline styles for the CSP to refuse), tables, badges, the toast and the confirmation dialog.
import { t, formatDate } from './i18n.js';

export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function badge(status) {
  return h('span', { class: `badge ${status}`, text: status });
}

export const date = (value) => h('time', { datetime: value ?? '', text: formatDate(value) });

/** columns: [{label, cell(row) → Node|string, class?}] */
export function table(caption, columns, rows, rowClass) {
  if (rows.length === 0) return h('p', { class: 'muted', text: t('noRows') });
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h('caption', { class: 'sr-only', text: caption }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          columns.map((c) => h('th', { scope: 'col', class: c.class, text: c.label })),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            { class: rowClass?.(row) },
            columns.map((c) => h('td', { class: c.class }, c.cell(row) ?? '–')),
          ),
        ),
      ),
    ),
  );
}

export function facts(pairs) {
  return h(
    'dl',
    { class: 'facts' },
    pairs.flatMap(([label, value]) => [h('dt', { text: label }), h('dd', {}, value ?? '–')]),
  );
}

export const json = (value) =>
  h('pre', { class: 'mono', tabindex: '0', text: JSON.stringify(value, null, 2) });

export function toast(message) {
  const box = document.getElementById('toast');
  box.textContent = message;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (box.textContent = ''), 4000);
}

/** Resolves true when the operator confirms in the modal dialog. */
export function confirmDialog(title, text, okLabel) {
  const dialog = document.getElementById('confirm');
  dialog.querySelector('#confirm-title').textContent = title;
  dialog.querySelector('#confirm-text').textContent = text;
  dialog.querySelector('#confirm-ok').textContent = okLabel;
  dialog.querySelector('#confirm-cancel').textContent = t('cancel');
  dialog.returnValue = '';
  dialog.showModal();
  dialog.querySelector('#confirm-cancel').focus();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
  });
}

export function errorText(error) {
  return h('p', { class: 'error', role: 'alert', text: `${t('loadFailed')}: ${error.message}` });
}

export const link = (href, text) => h('a', { href, text });
