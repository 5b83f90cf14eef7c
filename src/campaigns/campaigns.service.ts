// Campaign set-up: fetch HOC's questionnaire, build the package, store it and (when enabled)
// queue its upload to HOC in the same transaction. Concurrent set-ups of one campaign in this
// process share one build.
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ApiException } from '../common/errors/api.exception';
import { agentConfig, appConfig, hocConfig } from '../config/namespaces';
import { DatabaseService } from '../database/database.service';
import { HocClient } from '../integrations/hoc/hoc.client';
import { UpstreamError } from '../integrations/upstream-error';
import { JobQueue } from '../jobs/job-queue.service';
import { buildCampaignPackage } from './campaign-package.builder';
import type { CampaignPackage } from './campaign-package.types';
import { CampaignPackages } from './campaign-packages.repository';
import type { SetupCampaignResponseDto } from './dto/setup-campaign.dto';

export const UPLOAD_QUEUE = 'campaign.upload';

@Injectable()
export class CampaignsService implements OnModuleInit {
  private readonly inFlight = new Map<string, Promise<SetupCampaignResponseDto>>();

  constructor(
    private readonly hoc: HocClient,
    private readonly packages: CampaignPackages,
    private readonly database: DatabaseService,
    private readonly jobs: JobQueue,
    @Inject(hocConfig.KEY) private readonly hocSettings: ConfigType<typeof hocConfig>,
    @Inject(agentConfig.KEY) private readonly agent: ConfigType<typeof agentConfig>,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.register<{ campaignId: string; packageId: string }>(
      { name: UPLOAD_QUEUE, retryLimit: 5, retryDelaySeconds: 5, expireInSeconds: 120 },
      (job) => this.upload(job.data.campaignId, job.data.packageId, job.isFinalAttempt),
    );
  }

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
    if (existing && !forceRebuild)
      return this.answer(
        existing.content,
        true,
        existing.uploadStatus === 'disabled' ? 'disabled' : 'queued',
      );

    let questionnaire;
    try {
      questionnaire = await this.hoc.getQuestionnaire(campaignId);
    } catch (error) {
      throw error instanceof UpstreamError ? error.toApiException() : error;
    }
    if (!questionnaire)
      throw ApiException.notFound(`HOC does not know campaign ${campaignId}`, 'campaign_not_found');

    const pkg = buildCampaignPackage(campaignId, questionnaire, {
      name: this.agent.name,
      language: this.agent.language,
    });
    const upload = this.hocSettings.uploadEnabled ? 'queued' : 'disabled';
    await this.database.transaction(async (tx, executor) => {
      await this.packages.save(tx, pkg, upload);
      if (upload === 'queued')
        await this.jobs.send(UPLOAD_QUEUE, { campaignId, packageId: pkg.package_id }, { executor });
    });
    if (upload === 'queued') this.jobs.nudge(UPLOAD_QUEUE);
    return this.answer(pkg, false, upload);
  }

  private async upload(
    campaignId: string,
    packageId: string,
    finalAttempt: boolean,
  ): Promise<void> {
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

  private answer(
    pkg: CampaignPackage,
    cached: boolean,
    upload: 'disabled' | 'queued',
  ): SetupCampaignResponseDto {
    return {
      status: 'success',
      package_id: pkg.package_id,
      download_url: `${this.app.publicBaseUrl}/campaigns/${encodeURIComponent(pkg.campaign_id)}/package`,
      question_count: pkg.question_count,
      company_name: pkg.company_name,
      cached,
      upload,
    };
  }
}
