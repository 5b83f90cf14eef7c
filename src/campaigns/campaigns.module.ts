import { Module } from '@nestjs/common';
import { ElevenLabsClient } from '../integrations/elevenlabs/elevenlabs.client';
import { HocClient } from '../integrations/hoc/hoc.client';
import { CampaignAgentsService } from './campaign-agents.service';
import { CampaignPackagesRepository } from './campaign-packages.repository';
import { CampaignsController } from './campaigns.controller';
import { CampaignsJobs } from './campaigns.jobs';
import { CampaignsService } from './campaigns.service';

@Module({
  controllers: [CampaignsController],
  providers: [
    CampaignsJobs,
    CampaignsService,
    CampaignPackagesRepository,
    CampaignAgentsService,
    HocClient,
    ElevenLabsClient,
  ],
  exports: [CampaignPackagesRepository, HocClient, ElevenLabsClient],
})
export class CampaignsModule {}
