import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { IdempotencyService } from '../common/idempotency/idempotency.service';
import { CallScriptService } from './call-script.service';
import { CallsDataModule } from './calls-data.module';
import { CallsController } from './calls.controller';
import { CallsService } from './calls.service';
import { TalkController } from './talk.controller';
import { TalkPageService } from './talk-page.service';
import { TriggerCallIdempotency } from './trigger-call.idempotency';

@Module({
  imports: [CampaignsModule, CallsDataModule],
  controllers: [CallsController, TalkController],
  providers: [
    CallsService,
    CallScriptService,
    IdempotencyService,
    TriggerCallIdempotency,
    TalkPageService,
  ],
})
export class CallsModule {}
