import { Module } from '@nestjs/common';
import { GhlClient } from '../integrations/ghl/ghl.client';
import { BookingWorkflowClient } from '../integrations/workflow/booking-workflow.client';
import { BookingThreads } from './booking-threads.repository';
import { BookingController } from './booking.controller';
import { BookingProcessor } from './booking.processor';
import { BookingService } from './booking.service';
import { ThreadLocks } from './thread-locks';

@Module({
  controllers: [BookingController],
  providers: [
    BookingService,
    BookingProcessor,
    BookingThreads,
    ThreadLocks,
    BookingWorkflowClient,
    GhlClient,
  ],
})
export class BookingModule {}
