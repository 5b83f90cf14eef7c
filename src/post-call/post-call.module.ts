import { Module } from '@nestjs/common';
import { CallsDataModule } from '../calls/calls-data.module';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { ArtefactDownloadsService } from './artefact-downloads.service';
import { ArtefactMirror } from './artefact-mirror';
import { ArtefactsController } from './artefacts.controller';
import { GenericWebhookController } from './generic-webhook.controller';
import { GenericWebhookService } from './generic-webhook.service';
import { PostCallController } from './post-call.controller';
import { PostCallJobs } from './post-call.jobs';
import { PostCallProcessor } from './post-call.processor';
import { PostCallService } from './post-call.service';

@Module({
  imports: [CallsDataModule, CampaignsModule],
  controllers: [PostCallController, GenericWebhookController, ArtefactsController],
  providers: [
    PostCallService,
    PostCallProcessor,
    PostCallJobs,
    GenericWebhookService,
    ArtefactMirror,
    ArtefactDownloadsService,
  ],
})
export class PostCallModule {}
