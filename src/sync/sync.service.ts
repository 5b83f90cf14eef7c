// Intake of sync webhooks: normalise, record durably with its job (one transaction), answer 202.
// Also the Notion verification handshake and the synchronous test run.
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { ApiException } from '../common/errors/api.exception';
import { validatePayload } from '../common/validation/validate-payload';
import { syncConfig } from '../config/namespaces';
import { DatabaseService } from '../database/database.service';
import { events, settings } from '../database/schema';
import { EventLog } from '../events/event-log.service';
import { JobQueue } from '../jobs/job-queue.service';
import {
  NotionEventDto,
  SupabaseWebhookDto,
  SyncEnvelopeDto,
  type AcceptedResponseDto,
} from './dto/sync-payloads.dto';
import { fromEnvelope, fromNotion, fromSupabase, type SyncChange } from './sync-change';
import { SyncProcessor, type SyncOutcome } from './sync.processor';

export const SYNC_QUEUE = 'sync.process';
const NOTION_VERIFICATION_KEY = 'notion.verification';

type Json = Record<string, unknown>;

@Injectable()
export class SyncService implements OnModuleInit {
  private readonly logger = new Logger('Sync');

  constructor(
    private readonly events: EventLog,
    private readonly jobs: JobQueue,
    private readonly processor: SyncProcessor,
    private readonly database: DatabaseService,
    @Inject(syncConfig.KEY) private readonly config: ConfigType<typeof syncConfig>,
  ) {}

  async onModuleInit(): Promise<void> {
    this.events.registerQueue('supabase', SYNC_QUEUE);
    this.events.registerQueue('notion', SYNC_QUEUE);
    await this.jobs.registerBatch<{ eventId: string }>(
      {
        name: SYNC_QUEUE,
        retryLimit: this.config.maxAttempts - 1,
        retryDelaySeconds: this.config.retryDelaySeconds,
        expireInSeconds: this.config.jobTimeoutSeconds,
        batchSize: 20,
      },
      (jobs) => this.events.processBatch(jobs, (event) => this.processor.handle(event)),
    );
  }

  async receiveSupabase(body: Json, requestId: string): Promise<AcceptedResponseDto> {
    if ('event_type' in body)
      return this.accept(
        fromEnvelope(await validatePayload(SyncEnvelopeDto, body, true)),
        body,
        requestId,
      );
    const change = fromSupabase(await validatePayload(SupabaseWebhookDto, body));
    if ('missing' in change) {
      throw new ApiException({
        status: 400,
        code: 'missing_required_fields',
        error: 'Missing required fields',
        message: `${change.missing} is required`,
        extras: { missing: [change.missing] },
      });
    }
    return this.accept(change, body, requestId);
  }

  async receiveNotion(body: Json, requestId: string): Promise<AcceptedResponseDto> {
    if ('event_type' in body) {
      const envelope = await validatePayload(SyncEnvelopeDto, body, true);
      if (envelope.source !== 'notion')
        throw ApiException.badRequest(
          'wrong_source',
          'Wrong source',
          'This route takes envelopes with source "notion"',
        );
      return this.accept(fromEnvelope(envelope), body, requestId);
    }
    return this.accept(fromNotion(await validatePayload(NotionEventDto, body)), body, requestId);
  }

  /** Stored for the operator; never used as a key until configured as NOTION_VERIFICATION_TOKEN. */
  async storeNotionHandshake(token: string): Promise<void> {
    const value = { verification_token: token, received_at: new Date().toISOString() };
    await this.database.db
      .insert(settings)
      .values({ key: NOTION_VERIFICATION_KEY, value })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
    this.logger.warn(
      'Notion verification token received: copy it from GET /api/v1/webhooks/notion/verification into NOTION_VERIFICATION_TOKEN',
    );
  }

  async notionHandshake(): Promise<{ verification_token: string; received_at: string } | null> {
    const [row] = await this.database.db
      .select()
      .from(settings)
      .where(eq(settings.key, NOTION_VERIFICATION_KEY));
    return (row?.value as { verification_token: string; received_at: string } | undefined) ?? null;
  }

  /** Runs one envelope through validation and processing now; kept out of the stats. */
  async testRun(
    body: SyncEnvelopeDto,
    requestId: string,
  ): Promise<{
    event_id: string;
    outcome: SyncOutcome | null;
    error: string | null;
    processing_ms: number;
  }> {
    const change = fromEnvelope(body);
    const event = await this.events.record({
      source: change.source,
      type: change.kind,
      dedupKey: `test:${randomUUID()}`,
      payload: { change, body },
      requestId,
      countsInStats: false,
    });
    const started = performance.now();
    try {
      const outcome = await this.processor.handle({ id: event.id, payload: { change } });
      const ms = Math.round(performance.now() - started);
      await this.database.db
        .update(events)
        .set({
          status: 'processed',
          attempts: 1,
          processingMs: ms,
          processedAt: sql`now()`,
          outcome,
        })
        .where(eq(events.id, event.id));
      return { event_id: event.id, outcome, error: null, processing_ms: ms };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.database.db
        .update(events)
        .set({ status: 'failed', attempts: 1, lastError: message })
        .where(eq(events.id, event.id));
      return {
        event_id: event.id,
        outcome: null,
        error: message,
        processing_ms: Math.round(performance.now() - started),
      };
    }
  }

  private async accept(
    change: SyncChange,
    body: Json,
    requestId: string,
  ): Promise<AcceptedResponseDto> {
    const event = await this.events.record({
      source: change.source,
      type: change.providerType ?? change.kind,
      dedupKey: change.dedupKey,
      payload: { change, body },
      requestId,
      queue: SYNC_QUEUE,
    });
    return {
      status: 'accepted',
      message: event.duplicate
        ? 'Webhook payload already received; not processed again'
        : 'Webhook payload received and queued for processing',
      details: {
        event_id: event.id,
        event_type: change.kind,
        source: change.source,
        record_id: change.recordId,
        table_name: change.table,
        timestamp: event.receivedAt.toISOString(),
        duplicate: event.duplicate,
      },
    };
  }
}
