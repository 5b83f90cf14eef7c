import { Module } from '@nestjs/common';
import { NotionClient } from '../integrations/notion/notion.client';
import { SupabaseClient } from '../integrations/supabase/supabase.client';
import { NotionHandshakesRepository } from './notion-handshakes.repository';
import { NotionHandshakesService } from './notion-handshakes.service';
import { NotionVerificationController } from './notion-verification.controller';
import { RecordCache } from './record-cache';
import { RecordsController } from './records.controller';
import { SyncAdminController } from './sync-admin.controller';
import { SyncRecordsRepository } from './sync-records.repository';
import { SyncRecordsService } from './sync-records.service';
import { SyncWebhooksController } from './sync-webhooks.controller';
import { SyncJobs } from './sync.jobs';
import { SyncProcessor } from './sync.processor';
import { SyncService } from './sync.service';

@Module({
  controllers: [
    SyncWebhooksController,
    SyncAdminController,
    NotionVerificationController,
    RecordsController,
  ],
  providers: [
    SyncJobs,
    SyncService,
    SyncProcessor,
    SyncRecordsRepository,
    RecordCache,
    SupabaseClient,
    NotionClient,
    NotionHandshakesRepository,
    NotionHandshakesService,
    SyncRecordsService,
  ],
})
export class SyncModule {}
