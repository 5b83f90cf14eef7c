import { Module } from '@nestjs/common';
import { HocClient } from '../integrations/hoc/hoc.client';
import { CampaignPackages } from './campaign-packages.repository';
import { CampaignsController } from './campaigns.controller';
import { CampaignsService } from './campaigns.service';

@Module({
  controllers: [CampaignsController],
  providers: [CampaignsService, CampaignPackages, HocClient],
  exports: [CampaignPackages, HocClient],
})
export class CampaignsModule {}
