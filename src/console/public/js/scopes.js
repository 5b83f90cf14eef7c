// Actions the signed-in client or person may not take stay visible, disabled, with the reason.
import { may } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';

/**
 * Shown but disabled, with the reason, when the signed-in principal lacks the scope. The button
 * must already be in its parent element: the reason is put beside it.
 * @param {HTMLButtonElement} button
 * @param {string} scope
 */
export function disableWithout(button, scope) {
  void may(scope)
    .then((allowed) => {
      if (allowed) return;
      button.disabled = true;
      button.dataset.missingScope = scope;
      button.title = `${t('needsScope')} ${scope}`;
      button.after(h('small', { class: 'muted', text: ` ${t('needsScope')} ${scope}` }));
    })
    .catch(() => {});
}
