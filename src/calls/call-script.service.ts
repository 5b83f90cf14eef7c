// The script for one call: the campaign package when built, else HOC's questionnaire, else the
// generic interview — a missing questionnaire never stops a call.
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { firstMessageTemplate, promptTemplate, renderTemplate } from '../campaigns/agent-script';
import { CampaignPackages } from '../campaigns/campaign-packages.repository';
import { agentConfig } from '../config/namespaces';
import { HocClient } from '../integrations/hoc/hoc.client';

export interface CallScript {
  prompt: string;
  firstMessage: string;
  language: string;
  questionnaireLoaded: boolean;
  source: 'package' | 'hoc' | 'none';
}

export interface ScriptRequest {
  campaignId: string;
  companyName: string;
  firstName: string;
  lastName: string;
}

@Injectable()
export class CallScriptService {
  private readonly logger = new Logger('CallScript');

  constructor(
    private readonly packages: CampaignPackages,
    private readonly hoc: HocClient,
    @Inject(agentConfig.KEY) private readonly agent: ConfigType<typeof agentConfig>,
  ) {}

  async compose(request: ScriptRequest): Promise<CallScript> {
    const variables = {
      candidate_first_name: request.firstName,
      candidate_last_name: request.lastName,
      company_name: request.companyName,
      campaign_id: request.campaignId,
    };
    const stored = await this.packages.find(request.campaignId);
    if (stored) {
      return {
        prompt: renderTemplate(stored.content.agent.prompt_template, variables),
        firstMessage: renderTemplate(stored.content.agent.first_message_template, variables),
        language: stored.content.language,
        questionnaireLoaded: true,
        source: 'package',
      };
    }
    const questionnaire = await this.hoc
      .getQuestionnaire(request.campaignId)
      .catch((error: Error) => {
        this.logger.warn(
          `questionnaire of campaign ${request.campaignId} unavailable, calling without it: ${error.message}`,
        );
        return null;
      });
    const language = questionnaire?.language ?? this.agent.language;
    const script = {
      agentName: this.agent.name,
      language,
      companyName: request.companyName,
      jobTitle: questionnaire?.job_title ?? null,
      questions: questionnaire?.questions ?? [],
    };
    return {
      prompt: renderTemplate(promptTemplate(script), variables),
      firstMessage: renderTemplate(firstMessageTemplate(script), variables),
      language,
      questionnaireLoaded: questionnaire !== null && questionnaire.questions.length > 0,
      source: questionnaire ? 'hoc' : 'none',
    };
  }
}
