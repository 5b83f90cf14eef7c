// The talk page's own script (served from /talk/assets, so the CSP needs no inline script):
// loads the pinned widget with its integrity and shows the fallback message when the widget
// cannot load or has not rendered its start control within a few seconds.
export const TALK_PAGE_SCRIPT = `(function () {
  'use strict';
  var root = document.getElementById('conversation');
  var fallback = document.getElementById('fallback');
  var widget = root.querySelector('elevenlabs-convai');
  var settled = false;
  function settle(state) {
    if (settled) return;
    settled = true;
    root.setAttribute('data-state', state);
    if (state === 'failed') fallback.hidden = false;
  }
  var script = document.createElement('script');
  script.src = root.getAttribute('data-widget-src');
  script.integrity = root.getAttribute('data-widget-integrity');
  script.onerror = function () { settle('failed'); };
  document.head.appendChild(script);
  var deadline = Date.now() + Number(root.getAttribute('data-timeout-ms') || 12000);
  (function check() {
    if (settled) return;
    if (widget.shadowRoot && widget.shadowRoot.querySelector('button')) return settle('ready');
    if (Date.now() > deadline) return settle('failed');
    setTimeout(check, 200);
  })();
})();
`;
