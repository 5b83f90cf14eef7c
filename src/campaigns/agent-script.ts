// The voice agent's script: system prompt and first message, German by default, listing the
// questionnaire's questions in order. Templates keep `{{name}}` placeholders (ElevenLabs'
// dynamic-variable syntax) that each call fills in.
import type { PackageQuestion } from './campaign-package.types';

export interface ScriptInput {
  agentName: string;
  language: string;
  companyName: string;
  jobTitle: string | null;
  questions: readonly Pick<PackageQuestion, 'text' | 'required'>[];
}

interface Phrases {
  role: (agent: string, company: string, job: string | null) => string;
  ask: string;
  optional: string;
  none: string;
  rules: string[];
  firstMessage: (agent: string, company: string) => string;
}

const PHRASES: Record<string, Phrases> = {
  de: {
    role: (agent, company, job) =>
      `Du bist ${agent}, eine freundliche Recruiting-Assistentin von ${company}. Du führst ein kurzes telefonisches Screening-Gespräch mit {{candidate_first_name}} {{candidate_last_name}}${job ? ` für die Stelle „${job}“` : ''}.`,
    ask: 'Stelle die folgenden Fragen nacheinander, immer nur eine Frage auf einmal, und warte jeweils auf die Antwort:',
    optional: '(optional)',
    none: 'Es liegt kein Fragebogen vor. Frage nach Berufserfahrung, frühestem Starttermin und Fragen der Kandidatin oder des Kandidaten.',
    rules: [
      'Sprich Deutsch und sieze die Person.',
      'Fasse am Ende kurz zusammen, bedanke dich und beende das Gespräch.',
      'Gib keine Zusagen zu Gehalt oder Einstellung.',
    ],
    firstMessage: (agent, company) =>
      `Guten Tag {{candidate_first_name}} {{candidate_last_name}}, hier spricht ${agent} von ${company}. Haben Sie kurz Zeit für ein paar Fragen zu Ihrer Bewerbung?`,
  },
  en: {
    role: (agent, company, job) =>
      `You are ${agent}, a friendly recruiting assistant at ${company}. You run a short screening call with {{candidate_first_name}} {{candidate_last_name}}${job ? ` for the position "${job}"` : ''}.`,
    ask: 'Ask the following questions one after another, one question at a time, and wait for each answer:',
    optional: '(optional)',
    none: 'There is no questionnaire. Ask about work experience, the earliest start date and any questions the candidate has.',
    rules: [
      'Be polite and concise.',
      'At the end, summarise briefly, thank the candidate and end the call.',
      'Make no promises about salary or hiring.',
    ],
    firstMessage: (agent, company) =>
      `Hello {{candidate_first_name}} {{candidate_last_name}}, this is ${agent} from ${company}. Do you have a moment for a few questions about your application?`,
  },
};

const phrasesFor = (language: string): Phrases =>
  PHRASES[language.slice(0, 2).toLowerCase()] ?? PHRASES.de;

export function promptTemplate(input: ScriptInput): string {
  const p = phrasesFor(input.language);
  const lines = [p.role(input.agentName, input.companyName, input.jobTitle), ''];
  if (input.questions.length > 0) {
    lines.push(p.ask);
    input.questions.forEach((q, i) =>
      lines.push(`${i + 1}. ${q.text}${q.required ? '' : ` ${p.optional}`}`),
    );
  } else {
    lines.push(p.none);
  }
  lines.push('', ...p.rules.map((rule) => `- ${rule}`));
  return lines.join('\n');
}

export function firstMessageTemplate(
  input: Pick<ScriptInput, 'agentName' | 'language' | 'companyName'>,
): string {
  return phrasesFor(input.language).firstMessage(input.agentName, input.companyName);
}

/** Fills `{{name}}` placeholders; unknown names are left as they are. */
export function renderTemplate(template: string, variables: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => variables[name] ?? whole);
}
