// Call records and their read routes as a module of their own, so post-call can update calls
// without depending on the calls feature (and its upstream clients).
import { Module } from '@nestjs/common';
import { CallChangesService } from './call-changes.service';
import { CallRecordsRepository } from './call-records.repository';
import { CallViewService } from './call-view.service';
import { CallsQueryController } from './calls-query.controller';

@Module({
  controllers: [CallsQueryController],
  providers: [CallRecordsRepository, CallChangesService, CallViewService],
  exports: [CallRecordsRepository, CallChangesService],
})
export class CallsDataModule {}
