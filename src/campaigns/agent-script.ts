// The voice agent's script, from the template files and the questionnaire. Placeholders are
// filled in two steps: what belongs to the campaign when the package is built (agent name,
// position, questions, job facts), what belongs to the call when it is placed (company and
// candidate, ElevenLabs' dynamic-variable syntax, so the agent's stored prompt works too).
import type { PackageQuestion } from './campaign-package.types';
import { templateLanguage, type ScriptTemplates, type TemplateLanguage } from './script-templates';

export interface ScriptInput {
  agentName: string;
  language: string;
  jobTitle: string | null;
  jobFacts: readonly string[];
  questions: readonly Pick<PackageQuestion, 'id' | 'text' | 'type' | 'required'>[];
}

export interface CampaignScript {
  prompt_template: string;
  first_message_template: string;
}

/** The per-call variables: sent to ElevenLabs as dynamic variables and rendered into overrides. */
export interface CallVariables extends Record<string, string> {
  company_name: string;
  candidate_first_name: string;
  candidate_last_name: string;
  campaign_id: string;
}

const ANSWER_KIND: Record<TemplateLanguage, Record<string, string>> = {
  de: {
    boolean: 'Antwort: ja oder nein',
    number: 'Antwort: eine Zahl',
    integer: 'Antwort: eine ganze Zahl',
    date: 'Antwort: ein Datum',
    choice: 'Antwort: eine der genannten Möglichkeiten',
    text: 'Antwort: frei',
  },
  en: {
    boolean: 'answer: yes or no',
    number: 'answer: a number',
    integer: 'answer: a whole number',
    date: 'answer: a date',
    choice: 'answer: one of the options named',
    text: 'answer: free text',
  },
};

const WORDS = {
  de: {
    question: 'Frage',
    optional: 'optional',
    required: 'Pflichtfrage',
    none: 'Es liegt kein Fragebogen vor. Frage nach der Berufserfahrung für die Stelle, dem frühestmöglichen Starttermin und ob die Person noch Fragen hat.',
    position: (job: string | null) =>
      job ? `die Stelle „${job}“` : 'eine Stelle bei {{company_name}}',
    facts: (job: string | null) => [
      ...(job ? [`Stelle: ${job}`] : []),
      'Arbeitgeber: {{company_name}}',
    ],
    noMore: 'Weitere Fakten zur Stelle liegen dir nicht vor.',
  },
  en: {
    question: 'Question',
    optional: 'optional',
    required: 'required',
    none: 'There is no questionnaire. Ask about work experience relevant to the position, the earliest possible start date and whether the person has any questions.',
    position: (job: string | null) =>
      job ? `the position "${job}"` : 'a position at {{company_name}}',
    facts: (job: string | null) => [
      ...(job ? [`Position: ${job}`] : []),
      'Employer: {{company_name}}',
    ],
    noMore: 'You have no further facts about the position.',
  },
} as const;

/** HOC's text must not smuggle placeholders into the per-call rendering. */
const plain = (text: string) => text.replace(/\{\{|\}\}/g, '');

export function questionsBlock(questions: ScriptInput['questions'], language: string): string {
  const lang = templateLanguage(language);
  const w = WORDS[lang];
  if (questions.length === 0) return `   ${w.none}`;
  return questions
    .map((q, i) => {
      const kind = ANSWER_KIND[lang][q.type] ?? ANSWER_KIND[lang].text;
      const need = q.required ? w.required : w.optional;
      return `   ${w.question} ${i + 1} (ID ${plain(q.id)}, ${need}; ${kind}): ${plain(q.text)}`;
    })
    .join('\n');
}

export function jobFactsBlock(
  input: Pick<ScriptInput, 'jobTitle' | 'jobFacts' | 'language'>,
): string {
  const w = WORDS[templateLanguage(input.language)];
  const job = input.jobTitle ? plain(input.jobTitle) : null;
  return [...w.facts(job), ...input.jobFacts.map(plain), w.noMore]
    .map((fact) => `   - ${fact}`)
    .join('\n');
}

/** Fills the campaign's placeholders; the call's stay for renderTemplate. */
export function buildCampaignScript(
  templates: ScriptTemplates,
  input: ScriptInput,
): CampaignScript {
  const w = WORDS[templateLanguage(input.language)];
  const campaign = {
    agent_name: plain(input.agentName),
    position: w.position(input.jobTitle ? plain(input.jobTitle) : null),
    job_title: input.jobTitle ? plain(input.jobTitle) : '',
    questions: questionsBlock(input.questions, input.language),
    job_facts: jobFactsBlock(input),
  };
  return {
    prompt_template: renderTemplate(templates.prompt, campaign),
    first_message_template: renderTemplate(templates.firstMessage, campaign),
  };
}

/** Fills `{{name}}` placeholders; unknown names are left as they are. */
export function renderTemplate(template: string, variables: Record<string, string>): string {
  return template.replace(
    /\{\{\s*(\w+)\s*\}\}/g,
    (whole, name: string) => variables[name] ?? whole,
  );
}

export function renderCallScript(script: CampaignScript, variables: CallVariables) {
  return {
    prompt: renderTemplate(script.prompt_template, variables),
    firstMessage: renderTemplate(script.first_message_template, variables),
  };
}
