import { Module } from '@nestjs/common';
import { CallsDataModule } from '../calls/calls-data.module';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { ArtefactStore } from './artefact-store';
import { GenericWebhookController } from './generic-webhook.controller';
import { GenericWebhookService } from './generic-webhook.service';
import { PostCallController } from './post-call.controller';
import { PostCallService } from './post-call.service';

@Module({
  imports: [CallsDataModule, CampaignsModule],
  controllers: [PostCallController, GenericWebhookController],
  providers: [PostCallService, GenericWebhookService, ArtefactStore],
})
export class PostCallModule {}
