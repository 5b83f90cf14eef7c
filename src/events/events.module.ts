import { Global, Module } from '@nestjs/common';
import { EventLog } from './event-log.service';
import { EventStatsService } from './event-stats.service';

@Global()
@Module({ providers: [EventLog, EventStatsService], exports: [EventLog, EventStatsService] })
export class EventsModule {}
