// The erase button of a call or a booking thread: asks first, erases, then goes back to the list.
import { api, auth } from './api.js';
import { confirmDialog, h, toast } from './dom.js';
import { t } from './i18n.js';

export function eraseButton({ title, text, path, back }) {
  return h('button', {
    type: 'button',
    class: 'danger',
    text: t('erase'),
    // A person signed in without the scope sees the action, disabled (the API refuses it too).
    disabled: !auth.can('privacy:erase'),
    title: auth.can('privacy:erase')
      ? undefined
      : t('missingScope').replace('{scope}', 'privacy:erase'),
    onclick: async () => {
      if (!(await confirmDialog(title, text, t('erase')))) return;
      try {
        await api(path, { method: 'DELETE' });
        toast(t('erased'));
        location.hash = back;
      } catch (error) {
        toast(error.message);
      }
    },
  });
}
