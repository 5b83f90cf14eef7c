// Builds the campaign package from HOC's questionnaire. Pure: same questionnaire, same hash.
import { createHash, randomUUID } from 'node:crypto';
import type { Questionnaire } from '../integrations/hoc/questionnaire';
import { firstMessageTemplate, promptTemplate } from './agent-script';
import type { CampaignPackage } from './campaign-package.types';

export interface AgentPersona {
  name: string;
  language: string;
}

export function questionnaireHash(questionnaire: Questionnaire): string {
  return createHash('sha256').update(JSON.stringify(questionnaire)).digest('hex');
}

export function buildCampaignPackage(
  campaignId: string,
  questionnaire: Questionnaire,
  agent: AgentPersona,
): CampaignPackage {
  const companyName = questionnaire.company_name ?? 'HOC';
  const language = questionnaire.language ?? agent.language;
  const questions = questionnaire.questions.map((q, i) => ({ ...q, order: i + 1 }));
  const script = {
    agentName: agent.name,
    language,
    companyName,
    jobTitle: questionnaire.job_title,
    questions,
  };
  return {
    package_id: randomUUID(),
    campaign_id: campaignId,
    company_name: companyName,
    job_title: questionnaire.job_title,
    language,
    questions,
    question_count: questions.length,
    agent: {
      name: agent.name,
      prompt_template: promptTemplate(script),
      first_message_template: firstMessageTemplate(script),
    },
    source_hash: questionnaireHash(questionnaire),
    created_at: new Date().toISOString(),
  };
}
