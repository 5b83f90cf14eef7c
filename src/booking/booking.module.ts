import { Module } from '@nestjs/common';
import { GhlClient } from '../integrations/ghl/ghl.client';
import { BookingWorkflowClient } from '../integrations/workflow/booking-workflow.client';
import { BookingCounters } from './booking-counters';
import { BookingThreads } from './booking-threads.repository';
import { BookingController } from './booking.controller';
import { BookingJobs } from './booking.jobs';
import { BookingProcessor } from './booking.processor';
import { BookingSenderKey } from './booking-sender-key';
import { BookingService } from './booking.service';
import { ThreadLocks } from './thread-locks';

@Module({
  controllers: [BookingController],
  providers: [
    BookingJobs,
    BookingService,
    BookingCounters,
    BookingProcessor,
    BookingSenderKey,
    BookingThreads,
    ThreadLocks,
    BookingWorkflowClient,
    GhlClient,
  ],
})
export class BookingModule {}
