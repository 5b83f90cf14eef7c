import { Module } from '@nestjs/common';
import { GenericWebhookController } from './generic-webhook.controller';
import { GenericWebhookService } from './generic-webhook.service';

@Module({
  controllers: [GenericWebhookController],
  providers: [GenericWebhookService],
})
export class PostCallModule {}
