// Builds the campaign package from HOC's questionnaire and the script templates. Pure: same
// questionnaire and templates, same script and hash.
import { createHash, randomUUID } from 'node:crypto';
import type { Questionnaire } from '../integrations/hoc/questionnaire';
import { buildCampaignScript } from './agent-script';
import type { CampaignPackage } from './campaign-package.types';
import type { ScriptTemplates } from './script-templates';

export interface AgentPersona {
  name: string;
  language: string;
}

export function questionnaireHash(questionnaire: Questionnaire): string {
  return createHash('sha256').update(JSON.stringify(questionnaire)).digest('hex');
}

/** The package's language: the questionnaire's, else AGENT_LANGUAGE. */
export const packageLanguage = (questionnaire: Questionnaire, agent: AgentPersona): string =>
  questionnaire.language ?? agent.language;

export function buildCampaignPackage(
  campaignId: string,
  questionnaire: Questionnaire,
  agent: AgentPersona,
  templates: ScriptTemplates,
): CampaignPackage {
  const language = packageLanguage(questionnaire, agent);
  const questions = questionnaire.questions.map((q, i) => ({ ...q, order: i + 1 }));
  const script = buildCampaignScript(templates, {
    agentName: agent.name,
    language,
    jobTitle: questionnaire.job_title,
    jobFacts: questionnaire.job_facts,
    questions,
  });
  return {
    package_id: randomUUID(),
    campaign_id: campaignId,
    company_name: questionnaire.company_name,
    job_title: questionnaire.job_title,
    language,
    job_facts: questionnaire.job_facts,
    questions,
    question_count: questions.length,
    agent: {
      name: agent.name,
      agent_id: null,
      provisioning: 'not_configured',
      ...script,
      template_source: templates.source,
    },
    source_hash: questionnaireHash(questionnaire),
    created_at: new Date().toISOString(),
  };
}
