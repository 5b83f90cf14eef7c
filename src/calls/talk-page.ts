// The candidate's talk page: a short, accessible, mobile-first page around the ElevenLabs
// widget, bound to the call's agent with its script (prompt, first message, language) and
// dynamic variables, labelled in the candidate's language. Everything interpolated is escaped.
import type { CallRow } from './call-row.types';
import { CONVERSATION_REFERENCE } from './link-call.resolver';

export const ASSETS_PATH = '/talk/assets';
export const PAGE_SCRIPT_FILE = 'talk-page.js';

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** The widget's labels (its `text-contents`) and the page's own text, per language. */
const TEXT = {
  de: {
    widget: {
      main_label: 'Ihr Bewerbungsgespräch',
      start_call: 'Gespräch starten',
      end_call: 'Gespräch beenden',
      new_call: 'Neues Gespräch',
      mute_microphone: 'Mikrofon stummschalten',
      change_language: 'Sprache ändern',
      collapse: 'Einklappen',
      expand: 'Ausklappen',
      listening_status: 'Hört zu',
      speaking_status: 'Zum Unterbrechen einfach sprechen',
      connecting_status: 'Verbindung wird aufgebaut',
      user_ended_conversation: 'Sie haben das Gespräch beendet',
      agent_ended_conversation: 'Das Gespräch ist beendet. Vielen Dank!',
      error_occurred: 'Es ist ein Fehler aufgetreten',
    },
    title: 'Gespräch',
    greeting: (name: string) => `Hallo ${name}!`,
    intro: (agent: string, company: string) =>
      `${agent}, die digitale Recruiting-Assistentin von ${company}, möchte Ihnen ein paar kurze Fragen zu Ihrer Bewerbung stellen. Das dauert etwa fünf bis zehn Minuten.`,
    steps: [
      'Tippen Sie unten auf „Gespräch starten“.',
      'Erlauben Sie den Zugriff auf Ihr Mikrofon.',
      'Sprechen Sie ganz normal – Sie können jederzeit unterbrechen oder auflegen.',
    ],
    privacyTitle: 'Datenschutz',
    privacy: (company: string) =>
      `Das Gespräch wird von einer KI geführt, aufgezeichnet und verschriftlicht. Ihre Antworten erhält ausschließlich ${company} für Ihre Bewerbung; sie werden nach Abschluss des Verfahrens gelöscht. Die Sprachverarbeitung erfolgt über ElevenLabs. Ihr Mikrofon wird nur während des Gesprächs genutzt.`,
    fallback: (company: string) =>
      `Das Gespräch kann gerade nicht geladen werden. Bitte laden Sie die Seite neu oder versuchen Sie es später noch einmal; ${company} meldet sich sonst bei Ihnen.`,
    noScript: 'Für das Gespräch wird JavaScript benötigt.',
    region: 'Gespräch mit',
  },
  en: {
    widget: {
      main_label: 'Your application interview',
      start_call: 'Start the conversation',
      end_call: 'End the conversation',
      new_call: 'New conversation',
      agent_ended_conversation: 'The conversation has ended. Thank you!',
    },
    title: 'Conversation',
    greeting: (name: string) => `Hello ${name}!`,
    intro: (agent: string, company: string) =>
      `${agent}, the digital recruiting assistant of ${company}, would like to ask you a few short questions about your application. It takes about five to ten minutes.`,
    steps: [
      'Tap “Start the conversation” below.',
      'Allow access to your microphone.',
      'Just talk – you can interrupt or hang up at any time.',
    ],
    privacyTitle: 'Privacy',
    privacy: (company: string) =>
      `The conversation is held by an AI, recorded and transcribed. Only ${company} receives your answers, for your application; they are deleted once the process is over. Speech is processed by ElevenLabs. Your microphone is used only during the conversation.`,
    fallback: (company: string) =>
      `The conversation cannot be loaded right now. Please reload the page or try again later; otherwise ${company} will get in touch with you.`,
    noScript: 'The conversation needs JavaScript.',
    region: 'Conversation with',
  },
};

export interface TalkPageInput {
  call: CallRow;
  agentId: string;
  agentName: string;
  language: string;
  prompt?: string;
  firstMessage?: string;
  serverLocation: string;
  widget: { fileName: string; integrity: string };
}

export function renderTalkPage(input: TalkPageInput): string {
  const { call } = input;
  const lang = input.language.slice(0, 2).toLowerCase();
  const t = lang === 'de' ? TEXT.de : TEXT.en;
  const attr = (name: string, value: string | undefined) =>
    value ? ` ${name}="${escapeHtml(value)}"` : '';
  const variables = JSON.stringify({
    candidate_first_name: call.candidateFirstName,
    candidate_last_name: call.candidateLastName,
    company_name: call.companyName,
    campaign_id: call.campaignId,
    [CONVERSATION_REFERENCE]: call.conversationId,
  });
  const company = escapeHtml(call.companyName);
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>${company} – ${t.title}</title>
<style>
*{box-sizing:border-box}
body{font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f6f8;color:#1d2733}
main{max-width:38rem;margin:0 auto;padding:1.25rem 1.25rem 11rem}
.card{background:#fff;border-radius:14px;box-shadow:0 1px 4px #0002;padding:1.5rem}
.company{font-size:.9rem;font-weight:600;color:#4a5a6a;margin:0 0 .25rem;text-transform:uppercase;letter-spacing:.04em}
h1{font-size:1.6rem;line-height:1.25;margin:0 0 .75rem}
ol{padding-left:1.25rem;margin:.75rem 0}
li{margin:.35rem 0}
.privacy{font-size:.875rem;color:#4a5a6a;border-top:1px solid #e3e7eb;margin-top:1.25rem;padding-top:1rem}
.privacy h2{font-size:.95rem;margin:0 0 .25rem;color:#1d2733}
.fallback{background:#fff4e5;border:1px solid #f0b35a;border-radius:10px;padding:1rem;margin-top:1rem}
@media (min-width:40rem){main{padding-top:3rem}.card{padding:2rem}}
</style>
</head>
<body>
<main>
<div class="card">
<p class="company">${company}</p>
<h1 id="greeting">${escapeHtml(t.greeting(call.candidateFirstName))}</h1>
<p id="intro">${escapeHtml(t.intro(input.agentName, call.companyName))}</p>
<ol id="steps">${t.steps.map((step) => `<li>${escapeHtml(step)}</li>`).join('')}</ol>
<section id="conversation" aria-label="${t.region} ${escapeHtml(input.agentName)}" data-state="loading" data-widget-src="${ASSETS_PATH}/${escapeHtml(input.widget.fileName)}" data-widget-integrity="${escapeHtml(input.widget.integrity)}">
<elevenlabs-convai${attr('agent-id', input.agentId)}${attr('server-location', input.serverLocation)} variant="full" placement="bottom"${attr('dynamic-variables', variables)}${attr('override-language', lang)}${attr('override-prompt', input.prompt)}${attr('override-first-message', input.firstMessage)}${attr('text-contents', JSON.stringify(t.widget))}></elevenlabs-convai>
<p id="fallback" class="fallback" role="alert" hidden>${escapeHtml(t.fallback(call.companyName))}</p>
<noscript><p class="fallback">${escapeHtml(t.noScript)}</p></noscript>
</section>
<div class="privacy" id="privacy"><h2>${t.privacyTitle}</h2><p>${escapeHtml(t.privacy(call.companyName))}</p></div>
</div>
</main>
<script src="${ASSETS_PATH}/${PAGE_SCRIPT_FILE}"></script>
</body>
</html>
`;
}

export function renderNotFoundPage(): string {
  return `<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Link nicht gefunden</title></head>
<body><main><h1>Link nicht gefunden</h1><p>Dieser Gesprächslink ist ungültig oder abgelaufen. / This conversation link is invalid or has expired.</p></main></body>
</html>
`;
}
