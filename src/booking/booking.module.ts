import { Module } from '@nestjs/common';
import { GhlClient } from '../integrations/ghl/ghl.client';
import { BookingWorkflowClient } from '../integrations/workflow/booking-workflow.client';
import { BookingCountersService } from './booking-counters.service';
import { BookingThreadsRepository } from './booking-threads.repository';
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
    BookingCountersService,
    BookingProcessor,
    BookingSenderKey,
    BookingThreadsRepository,
    ThreadLocks,
    BookingWorkflowClient,
    GhlClient,
  ],
  exports: [BookingThreadsRepository],
})
export class BookingModule {}
