import { Global, Module } from '@nestjs/common';
import { EventLog } from './event-log.service';
import { EventQueries } from './event-queries.service';
import { EventReplay } from './event-replay.service';
import { EventStatsService } from './event-stats.service';
import { EventsController } from './events.controller';

@Global()
@Module({
  controllers: [EventsController],
  providers: [EventLog, EventStatsService, EventQueries, EventReplay],
  exports: [EventLog, EventStatsService, EventQueries],
})
export class EventsModule {}
