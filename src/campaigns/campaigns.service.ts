// Campaign set-up: fetch HOC's questionnaire, build the package from the script templates,
// provision the campaign's ElevenLabs agent, store the package and (when enabled) queue its upload
// to HOC in the same transaction. Concurrent set-ups of one campaign in this
// process share one build.
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ApiException } from '../common/errors/api.exception';
import { agentConfig, appConfig, hocConfig } from '../config/namespaces';
import { DatabaseService } from '../database/database.service';
import { HocClient } from '../integrations/hoc/hoc.client';
import { JobQueue } from '../jobs/job-queue.service';
import { CampaignAgentsService } from './campaign-agents.service';
import { buildCampaignPackage, packageLanguage } from './campaign-package.builder';
import type { CampaignPackage } from './campaign-package.types';
import { CampaignPackagesRepository, type UploadStatus } from './campaign-packages.repository';
import type { SetupCampaignResponseDto } from './dto/setup-campaign.dto';
import { loadScriptTemplates } from './script-templates';

export const UPLOAD_QUEUE = 'campaign.upload';

@Injectable()
export class CampaignsService {
  private readonly inFlight = new Map<string, Promise<SetupCampaignResponseDto>>();

  constructor(
    private readonly hoc: HocClient,
    private readonly packages: CampaignPackagesRepository,
    private readonly database: DatabaseService,
    private readonly jobs: JobQueue,
    private readonly agents: CampaignAgentsService,
    @Inject(hocConfig.KEY) private readonly hocSettings: ConfigType<typeof hocConfig>,
    @Inject(agentConfig.KEY) private readonly agent: ConfigType<typeof agentConfig>,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  setup(campaignId: string, forceRebuild: boolean): Promise<SetupCampaignResponseDto> {
    const key = `${campaignId}:${forceRebuild}`;
    const running = this.inFlight.get(key);
    if (running) return running;
    const work = this.runSetup(campaignId, forceRebuild).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, work);
    return work;
  }

  async getPackage(campaignId: string): Promise<CampaignPackage & { upload_status: string }> {
    const stored = await this.packages.find(campaignId);
    if (!stored)
      throw ApiException.notFound(
        `No package built for campaign ${campaignId}; POST /webhook/setup-campaign first`,
        'package_not_found',
      );
    return { ...stored.content, upload_status: stored.uploadStatus };
  }

  private async runSetup(
    campaignId: string,
    forceRebuild: boolean,
  ): Promise<SetupCampaignResponseDto> {
    const existing = await this.packages.find(campaignId);
    if (existing && !forceRebuild && !this.stale(existing.content))
      // The stored package's real upload state (uploaded or failed once its job has run).
      return this.answer(existing.content, true, existing.uploadStatus);

    // An UpstreamError answers 502/504 through the exception filter.
    const questionnaire = await this.hoc.getQuestionnaire(campaignId);
    if (!questionnaire)
      throw ApiException.notFound(`HOC does not know campaign ${campaignId}`, 'campaign_not_found');

    const persona = { name: this.agent.name, language: this.agent.language };
    const templates = await loadScriptTemplates(
      this.app.dataDir,
      campaignId,
      packageLanguage(questionnaire, persona),
    );
    const pkg = buildCampaignPackage(campaignId, questionnaire, persona, templates);
    // Before the package is stored: a package always names the agent that carries its script.
    Object.assign(
      pkg.agent,
      await this.agents.provision(pkg, existing?.content.agent.agent_id ?? null),
    );
    const upload = this.hocSettings.uploadEnabled ? 'queued' : 'disabled';
    await this.database.transaction(async (tx, executor) => {
      await this.packages.save(tx, pkg, upload);
      if (upload === 'queued')
        await this.jobs.send(UPLOAD_QUEUE, { campaignId, packageId: pkg.package_id }, { executor });
    });
    if (upload === 'queued') this.jobs.nudge(UPLOAD_QUEUE);
    return this.answer(pkg, false, upload);
  }

  /** The upload job (campaigns.jobs.ts): one package to HOC. */
  async upload(campaignId: string, packageId: string, finalAttempt: boolean): Promise<void> {
    const stored = await this.packages.find(campaignId);
    // A newer build superseded this one: its own job uploads it.
    if (!stored || stored.content.package_id !== packageId) return;
    try {
      await this.hoc.uploadPackage(campaignId, stored.content);
    } catch (error) {
      if (finalAttempt) await this.packages.setUploadStatus(campaignId, packageId, 'failed');
      throw error;
    }
    await this.packages.setUploadStatus(campaignId, packageId, 'uploaded');
  }

  /** Built before script templates and agent provisioning existed, or before an API key was set. */
  private stale(pkg: CampaignPackage): boolean {
    return !pkg.agent.template_source || (this.agents.enabled && !pkg.agent.agent_id);
  }

  private answer(
    pkg: CampaignPackage,
    cached: boolean,
    upload: UploadStatus,
  ): SetupCampaignResponseDto {
    return {
      status: 'success',
      package_id: pkg.package_id,
      download_url: `${this.app.publicBaseUrl}/campaigns/${encodeURIComponent(pkg.campaign_id)}/package`,
      question_count: pkg.question_count,
      company_name: pkg.company_name,
      agent_id: pkg.agent.agent_id,
      agent: pkg.agent.provisioning,
      cached,
      upload,
    };
  }
}
