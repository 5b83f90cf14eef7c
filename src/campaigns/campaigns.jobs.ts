// The campaign queue: uploading a built package to HOC runs here, after set-up answered.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobQueue } from '../jobs/job-queue.service';
import { CampaignsService, UPLOAD_QUEUE } from './campaigns.service';

@Injectable()
export class CampaignsJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobQueue,
    private readonly campaigns: CampaignsService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.register<{ campaignId: string; packageId: string }>(
      { name: UPLOAD_QUEUE, retryLimit: 5, retryDelaySeconds: 5, expireInSeconds: 120 },
      (job) => this.campaigns.upload(job.data.campaignId, job.data.packageId, job.isFinalAttempt),
    );
  }
}
