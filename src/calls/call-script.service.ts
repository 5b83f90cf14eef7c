// The script and agent for one call: the campaign package when built, else HOC's questionnaire
// through the same templates, else the generic interview — a missing questionnaire never stops a
// call. The company the candidate hears is always the request's.
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import {
  buildCampaignScript,
  renderCallScript,
  type CallVariables,
  type CampaignScript,
  type ScriptInput,
} from '../campaigns/agent-script';
import { CampaignPackagesRepository } from '../campaigns/campaign-packages.repository';
import { loadScriptTemplates } from '../campaigns/script-templates';
import { agentConfig, appConfig, elevenlabsConfig } from '../config/namespaces';
import { HocClient } from '../integrations/hoc/hoc.client';

export interface CallScript {
  prompt: string;
  firstMessage: string;
  language: string;
  /** The campaign's provisioned agent, else ELEVENLABS_AGENT_ID; null when neither exists. */
  agentId: string | null;
  variables: CallVariables;
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
    private readonly packages: CampaignPackagesRepository,
    private readonly hoc: HocClient,
    @Inject(agentConfig.KEY) private readonly agent: ConfigType<typeof agentConfig>,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    @Inject(elevenlabsConfig.KEY) private readonly el: ConfigType<typeof elevenlabsConfig>,
  ) {}

  async compose(request: ScriptRequest): Promise<CallScript> {
    const variables: CallVariables = {
      candidate_first_name: request.firstName,
      candidate_last_name: request.lastName,
      company_name: request.companyName,
      campaign_id: request.campaignId,
    };
    const stored = await this.packages.find(request.campaignId);
    if (stored) {
      const pkg = stored.content;
      // A package built before script templates baked its company in: rebuild its script.
      const script = pkg.agent.template_source
        ? pkg.agent
        : await this.script(request.campaignId, pkg.language, {
            jobTitle: pkg.job_title,
            jobFacts: pkg.job_facts ?? [],
            questions: pkg.questions,
          });
      return {
        ...renderCallScript(script, variables),
        language: pkg.language,
        agentId: pkg.agent.agent_id ?? this.el.agentId ?? null,
        variables,
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
    const script = await this.script(request.campaignId, language, {
      jobTitle: questionnaire?.job_title ?? null,
      jobFacts: questionnaire?.job_facts ?? [],
      questions: questionnaire?.questions ?? [],
    });
    return {
      ...renderCallScript(script, variables),
      language,
      agentId: this.el.agentId ?? null,
      variables,
      questionnaireLoaded: questionnaire !== null && questionnaire.questions.length > 0,
      source: questionnaire ? 'hoc' : 'none',
    };
  }

  private async script(
    campaignId: string,
    language: string,
    input: Pick<ScriptInput, 'jobTitle' | 'jobFacts' | 'questions'>,
  ): Promise<CampaignScript> {
    const templates = await loadScriptTemplates(this.app.dataDir, campaignId, language);
    return buildCampaignScript(templates, { agentName: this.agent.name, language, ...input });
  }
}
