// The erase button of a call or a booking thread: asks first, erases, then goes back to the list.
import { api } from './api.js';
import { disableWithout } from './scopes.js';
import { confirmDialog, h, messageOf, toast } from './dom.js';
import { t } from './i18n.js';

/** @param {{ title: string, text: string, path: string, back: string }} what */
export function eraseButton({ title, text, path, back }) {
  const button = h('button', {
    type: 'button',
    class: 'danger',
    text: t('erase'),
    onclick: async () => {
      if (!(await confirmDialog(title, text, t('erase')))) return;
      try {
        await api(path, { method: 'DELETE' });
        toast(t('erased'));
        location.hash = back;
      } catch (error) {
        toast(messageOf(error));
      }
    },
  });
  disableWithout(button, 'privacy:erase');
  return button;
}
