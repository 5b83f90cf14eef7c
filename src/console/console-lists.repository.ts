// Read models behind the console's list pages (newest first, bounded): the features expose
// single items; the operator also needs to browse calls, campaigns, threads and records.
import { Injectable } from '@nestjs/common';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { DatabaseService } from '../database/database.service';
import {
  bookingMessages,
  bookingThreads,
  calls,
  campaignPackages,
  syncRecords,
} from '../database/schema';

const when = (...conditions: (SQL | undefined)[]) => {
  const present = conditions.filter((c) => c !== undefined);
  return present.length ? and(...present) : undefined;
};

@Injectable()
export class ConsoleListsRepository {
  constructor(private readonly database: DatabaseService) {}

  calls(limit: number, status?: string, campaignId?: string) {
    return this.database.db
      .select({
        conversation_id: calls.conversationId,
        campaign_id: calls.campaignId,
        first_name: calls.candidateFirstName,
        last_name: calls.candidateLastName,
        company: calls.companyName,
        mode: calls.mode,
        status: calls.status,
        has_audio: sql<boolean>`${calls.artefacts} ? 'audio'`,
        created_at: calls.createdAt,
        updated_at: calls.updatedAt,
      })
      .from(calls)
      .where(
        when(
          status ? eq(calls.status, status) : undefined,
          campaignId ? eq(calls.campaignId, campaignId) : undefined,
        ),
      )
      .orderBy(desc(calls.createdAt))
      .limit(limit);
  }

  campaigns(limit: number) {
    return this.database.db
      .select({
        campaign_id: campaignPackages.campaignId,
        company_name: campaignPackages.companyName,
        question_count: campaignPackages.questionCount,
        upload_status: campaignPackages.uploadStatus,
        updated_at: campaignPackages.updatedAt,
      })
      .from(campaignPackages)
      .orderBy(desc(campaignPackages.updatedAt))
      .limit(limit);
  }

  threads(limit: number) {
    return this.database.db
      .select({
        thread_id: bookingThreads.threadId,
        phone: bookingThreads.phone,
        last_message_at: bookingThreads.lastMessageAt,
        messages: sql<number>`(SELECT count(*)::int FROM ${bookingMessages} m WHERE m.thread_id = ${bookingThreads.threadId})`,
      })
      .from(bookingThreads)
      .orderBy(desc(bookingThreads.lastMessageAt))
      .limit(limit);
  }

  records(limit: number, source?: string, table?: string, recordId?: string) {
    return this.database.db
      .select({
        source: syncRecords.source,
        table: syncRecords.tableName,
        record_id: syncRecords.recordId,
        deleted: syncRecords.deleted,
        verified: syncRecords.verified,
        updated_at: syncRecords.updatedAt,
      })
      .from(syncRecords)
      .where(
        when(
          source ? eq(syncRecords.source, source) : undefined,
          table ? eq(syncRecords.tableName, table) : undefined,
          recordId ? eq(syncRecords.recordId, recordId) : undefined,
        ),
      )
      .orderBy(desc(syncRecords.updatedAt))
      .limit(limit);
  }
}
