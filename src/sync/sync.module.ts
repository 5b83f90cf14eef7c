import { Module } from '@nestjs/common';
import { NotionClient } from '../integrations/notion/notion.client';
import { SupabaseClient } from '../integrations/supabase/supabase.client';
import { RecordCache } from './record-cache';
import { RecordsController } from './records.controller';
import { SyncAdminController } from './sync-admin.controller';
import { SyncRecords } from './sync-records.repository';
import { SyncWebhooksController } from './sync-webhooks.controller';
import { SyncProcessor } from './sync.processor';
import { SyncService } from './sync.service';

@Module({
  controllers: [SyncWebhooksController, SyncAdminController, RecordsController],
  providers: [SyncService, SyncProcessor, SyncRecords, RecordCache, SupabaseClient, NotionClient],
})
export class SyncModule {}
