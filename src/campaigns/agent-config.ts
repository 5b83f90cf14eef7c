// The campaign's ElevenLabs agent, as the official SDK's request types describe it: the script
// with its per-call placeholders (ElevenLabs fills them from the dynamic variables), one
// data-collection item per question (id = HOC's question id, so answers map without hand
// configuration), the evaluation criteria, and the overrides every call and talk page sends.
import type { ElevenLabs } from '@elevenlabs/elevenlabs-js';
import type { CampaignPackage, PackageQuestion } from './campaign-package.types';
import { SCREENING_ITEMS } from './screening-items';
import { templateLanguage } from './script-templates';

export type AgentCreateRequest =
  ElevenLabs.conversationalAi.BodyCreateAgentV1ConvaiAgentsCreatePost;
export type AgentUpdateRequest = ElevenLabs.conversationalAi.UpdateAgentRequest;

/** Evaluation criteria ids, as `analysis.evaluation_criteria_results` reports them. */
export const SCREENING_COMPLETED = 'screening_completed';
export const CANDIDATE_CONSENTED = 'candidate_consented';
const { callbackRequest: CALLBACK_REQUEST, openQuestions: OPEN_QUESTIONS } = SCREENING_ITEMS;

type DataType = ElevenLabs.AnalysisPropertyType;

const DATA_TYPE: Record<string, DataType> = {
  boolean: 'boolean',
  number: 'number',
  integer: 'integer',
};

const HINTS = {
  de: {
    question: 'Antwort der Kandidatin oder des Kandidaten auf die Frage',
    date: 'als Datum JJJJ-MM-TT, wenn möglich',
    empty: 'Leer lassen, wenn die Frage nicht beantwortet wurde.',
    callback:
      'Gewünschter Rückruftermin (Tag und Uhrzeit), wenn die Person keine Zeit hatte oder um einen Rückruf bat; sonst leer.',
    open: 'Fragen der Person zur Stelle, die im Gespräch nicht beantwortet werden konnten; sonst leer.',
    completed:
      'Die Person hat der Aufzeichnung zugestimmt, alle Pflichtfragen wurden gestellt und das Gespräch wurde mit Zusammenfassung und Verabschiedung beendet.',
    consented:
      'Die Person hat dem Hinweis auf Aufzeichnung und Datenverarbeitung ausdrücklich zugestimmt.',
  },
  en: {
    question: "The candidate's answer to the question",
    date: 'as a date YYYY-MM-DD where possible',
    empty: 'Leave empty when the question was not answered.',
    callback:
      'The callback time wished for (day and time) when the person had no time or asked to be called back; otherwise empty.',
    open: "The person's questions about the position that could not be answered in the call; otherwise empty.",
    completed:
      'The person agreed to the recording, every required question was asked and the call ended with a summary and goodbye.',
    consented: 'The person explicitly agreed to the notice on recording and data processing.',
  },
} as const;

function questionItem(question: PackageQuestion, language: string): ElevenLabs.AnalysisProperty {
  const h = HINTS[templateLanguage(language)];
  const hint = question.type === 'date' ? ` (${h.date})` : '';
  return {
    type: DATA_TYPE[question.type] ?? 'string',
    description: `${h.question} „${question.text}“${hint}. ${h.empty}`.slice(0, 1000),
  };
}

export function dataCollection(pkg: CampaignPackage): Record<string, ElevenLabs.AnalysisProperty> {
  const h = HINTS[templateLanguage(pkg.language)];
  return {
    ...Object.fromEntries(pkg.questions.map((q) => [q.id, questionItem(q, pkg.language)])),
    [CALLBACK_REQUEST]: { type: 'string', description: h.callback },
    [OPEN_QUESTIONS]: { type: 'string', description: h.open },
  };
}

export function evaluationCriteria(language: string): ElevenLabs.PromptEvaluationCriteria[] {
  const h = HINTS[templateLanguage(language)];
  return [
    {
      id: SCREENING_COMPLETED,
      name: 'Screening completed',
      type: 'prompt',
      conversationGoalPrompt: h.completed,
    },
    {
      id: CANDIDATE_CONSENTED,
      name: 'Candidate consented',
      type: 'prompt',
      conversationGoalPrompt: h.consented,
    },
  ];
}

/** The overrides trigger-call and the talk page send; ElevenLabs rejects any not enabled here. */
export const CALL_OVERRIDES: ElevenLabs.ConversationInitiationClientDataConfigInput = {
  conversationConfigOverride: {
    agent: { prompt: { prompt: true }, firstMessage: true, language: true },
  },
};

export function agentConfiguration(pkg: CampaignPackage): AgentCreateRequest {
  const language = pkg.language.slice(0, 2).toLowerCase();
  return {
    name: `HOC screening – campaign ${pkg.campaign_id}`,
    tags: ['hoc-screening', `hoc-campaign-${pkg.campaign_id}`],
    conversationConfig: {
      agent: {
        firstMessage: pkg.agent.first_message_template,
        language,
        prompt: {
          prompt: pkg.agent.prompt_template,
          builtInTools: {
            endCall: { name: 'end_call', params: { systemToolType: 'end_call' } },
            // No voicemail message: on a mailbox the agent hangs up without a word.
            voicemailDetection: {
              name: 'voicemail_detection',
              params: { systemToolType: 'voicemail_detection' },
            },
          },
        },
      },
      // ElevenLabs requires a multilingual model for agents that do not speak English.
      ...(language === 'en' ? {} : { tts: { modelId: 'eleven_flash_v2_5' } }),
    },
    platformSettings: {
      dataCollection: dataCollection(pkg),
      evaluation: { criteria: evaluationCriteria(pkg.language) },
      overrides: CALL_OVERRIDES,
    },
  };
}
