import { Module } from '@nestjs/common';
import { BookingModule } from '../booking/booking.module';
import { CallsDataModule } from '../calls/calls-data.module';
import { IdempotencyService } from '../common/idempotency/idempotency.service';
import { ErasureController } from './erasure.controller';
import { ErasureScrub } from './erasure-scrub';
import { ErasureService } from './erasure.service';
import { RetentionService } from './retention.service';

@Module({
  // Erasure and retention reach each table through the feature that owns it.
  imports: [CallsDataModule, BookingModule],
  controllers: [ErasureController],
  providers: [ErasureService, ErasureScrub, RetentionService, IdempotencyService],
  exports: [ErasureService, RetentionService],
})
export class PrivacyModule {}
