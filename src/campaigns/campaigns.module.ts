import { Module } from '@nestjs/common';
import { ElevenLabsClient } from '../integrations/elevenlabs/elevenlabs.client';
import { HocClient } from '../integrations/hoc/hoc.client';
import { CampaignAgents } from './campaign-agents.service';
import { CampaignPackages } from './campaign-packages.repository';
import { CampaignsController } from './campaigns.controller';
import { CampaignsJobs } from './campaigns.jobs';
import { CampaignsService } from './campaigns.service';

@Module({
  controllers: [CampaignsController],
  providers: [
    CampaignsJobs,
    CampaignsService,
    CampaignPackages,
    CampaignAgents,
    HocClient,
    ElevenLabsClient,
  ],
  exports: [CampaignPackages, HocClient, ElevenLabsClient],
})
export class CampaignsModule {}
