import { Global, Module } from '@nestjs/common';
import { ArtefactsRepository } from './artefacts.repository';
import { EventLogService } from './event-log.service';
import { EventQueue } from './event-queue.service';
import { EventQueriesRepository } from './event-queries.repository';
import { EventReplayService } from './event-replay.service';
import { EventStatsService } from './event-stats.service';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';

@Global()
@Module({
  controllers: [EventsController],
  providers: [
    EventsService,
    EventLogService,
    EventQueue,
    EventStatsService,
    EventQueriesRepository,
    EventReplayService,
    ArtefactsRepository,
  ],
  exports: [
    EventLogService,
    EventQueue,
    EventStatsService,
    EventQueriesRepository,
    ArtefactsRepository,
  ],
})
export class EventsModule {}
