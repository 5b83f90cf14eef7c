// The candidate's talk page: a small, accessible page around the ElevenLabs conversational
// widget, bound to the agent with the call's dynamic variables. Everything interpolated is escaped.
import type { CallRow } from './call-records.repository';

export const WIDGET_SCRIPT = 'https://unpkg.com/@elevenlabs/convai-widget-embed';

/** Lets the page load the widget and reach ElevenLabs, nothing else. */
export const TALK_PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self' https://unpkg.com",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  'connect-src https://*.elevenlabs.io wss://*.elevenlabs.io https://unpkg.com',
  'media-src blob: data: https://*.elevenlabs.io',
  "frame-ancestors 'none'",
].join('; ');

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

interface TalkPageInput {
  call: CallRow;
  agentId: string;
  agentName: string;
  language: string;
  firstMessage?: string;
}

export function renderTalkPage({
  call,
  agentId,
  agentName,
  language,
  firstMessage,
}: TalkPageInput): string {
  const german = language.startsWith('de');
  const variables = JSON.stringify({
    candidate_first_name: call.candidateFirstName,
    candidate_last_name: call.candidateLastName,
    company_name: call.companyName,
    campaign_id: call.campaignId,
    conversation_reference: call.conversationId,
  });
  const greeting = german
    ? `Hallo ${call.candidateFirstName}!`
    : `Hello ${call.candidateFirstName}!`;
  const intro = german
    ? `${agentName} von ${call.companyName} möchte Ihnen ein paar kurze Fragen zu Ihrer Bewerbung stellen. Klicken Sie auf die Schaltfläche unten, erlauben Sie den Zugriff auf Ihr Mikrofon und sprechen Sie einfach los.`
    : `${agentName} from ${call.companyName} would like to ask you a few short questions about your application. Press the button below, allow microphone access and just start talking.`;
  const noScript = german
    ? 'Für das Gespräch wird JavaScript benötigt.'
    : 'The conversation needs JavaScript.';
  return `<!doctype html>
<html lang="${escapeHtml(language.slice(0, 2))}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(call.companyName)} – ${german ? 'Gespräch' : 'Conversation'}</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d2733}
main{max-width:40rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px #0002}
h1{font-size:1.6rem;margin-top:0}
</style>
</head>
<body>
<main>
<p class="company">${escapeHtml(call.companyName)}</p>
<h1 id="greeting">${escapeHtml(greeting)}</h1>
<p id="intro">${escapeHtml(intro)}</p>
<section aria-label="${german ? 'Gespräch mit' : 'Conversation with'} ${escapeHtml(agentName)}">
<elevenlabs-convai agent-id="${escapeHtml(agentId)}" dynamic-variables="${escapeHtml(variables)}" override-language="${escapeHtml(language.slice(0, 2))}"${firstMessage ? ` override-first-message="${escapeHtml(firstMessage)}"` : ''}></elevenlabs-convai>
<noscript>${escapeHtml(noScript)}</noscript>
</section>
</main>
<script src="${WIDGET_SCRIPT}" async type="text/javascript"></script>
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
