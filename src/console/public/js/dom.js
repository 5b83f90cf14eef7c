// Tiny DOM helpers: elements built with properties (no HTML strings, so no injection and no
// inline styles for the CSP to refuse), tables, badges, the toast and the confirmation dialog.
import { t, formatDate } from './i18n.js';

/** @typedef {Node | string | number | null | undefined | false} Leaf */
/** A child, or a list of them (what `.map` gives). @typedef {Leaf | Leaf[]} Child */
/**
 * Properties: `class`, `text`, `on<event>` listeners, DOM properties (non-string values) and
 * attributes; undefined, null and false are left out.
 * @typedef {string | number | boolean | null | undefined | ((event: never) => unknown)} PropValue
 * @typedef {Record<string, PropValue>} Props
 */

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Props} [props]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = String(value);
    else if (key === 'text') el.textContent = String(value);
    else if (key.startsWith('on'))
      el.addEventListener(key.slice(2), /** @type {EventListener} */ (value));
    else if (key in el && typeof value !== 'string')
      /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (el))[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/**
 * @param {Element} el
 * @param {Child[]} children
 */
function append(el, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** @param {string} status */
export function badge(status) {
  return h('span', { class: `badge ${status}`, text: status });
}

/** @param {string | null | undefined} value */
export const date = (value) => h('time', { datetime: value ?? '', text: formatDate(value) });

/**
 * @template R
 * @typedef {{ label: string, cell: (row: R) => Child, class?: string }} Column
 */

/**
 * @template R
 * @param {string} caption
 * @param {Column<R>[]} columns
 * @param {R[]} rows
 * @param {(row: R) => string | undefined} [rowClass]
 */
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

/** @param {[string, Child][]} pairs */
export function facts(pairs) {
  return h(
    'dl',
    { class: 'facts' },
    pairs.flatMap(([label, value]) => [h('dt', { text: label }), h('dd', {}, value ?? '–')]),
  );
}

/** @param {unknown} value */
export const json = (value) =>
  h('pre', { class: 'mono', tabindex: '0', text: JSON.stringify(value, null, 2) });

/** @type {ReturnType<typeof setTimeout> | undefined} */
let toastTimer;

/** @param {string} message */
export function toast(message) {
  const box = byId('toast');
  box.textContent = message;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (box.textContent = ''), 4000);
}

/**
 * An element the page (index.html) always has, of the expected kind.
 * @template {HTMLElement} [E=HTMLElement]
 * @param {string} id
 * @param {new () => E} [kind]
 * @returns {E}
 */
export function byId(id, kind) {
  const el = document.getElementById(id);
  if (!el || !(el instanceof (kind ?? HTMLElement)))
    throw new Error(`#${id} is missing from the page or is not a ${kind?.name ?? 'HTMLElement'}`);
  return /** @type {E} */ (el);
}

/**
 * Resolves true when the operator confirms in the modal dialog.
 * @param {string} title
 * @param {string} text
 * @param {string} okLabel
 * @returns {Promise<boolean>}
 */
export function confirmDialog(title, text, okLabel) {
  const dialog = byId('confirm', HTMLDialogElement);
  byId('confirm-title').textContent = title;
  byId('confirm-text').textContent = text;
  byId('confirm-ok').textContent = okLabel;
  const cancel = byId('confirm-cancel');
  cancel.textContent = t('cancel');
  dialog.returnValue = '';
  dialog.showModal();
  cancel.focus();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
  });
}

/** @param {unknown} error */
export function errorText(error) {
  return h('p', { class: 'error', role: 'alert', text: `${t('loadFailed')}: ${messageOf(error)}` });
}

/** @param {unknown} error */
export const messageOf = (error) => (error instanceof Error ? error.message : String(error));

/**
 * @param {string} href
 * @param {string} text
 */
export const link = (href, text) => h('a', { href, text });
