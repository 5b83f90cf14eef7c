// Intake of sync webhooks: normalise, record durably with its job (one transaction), answer 202
// (a Notion verification handshake is kept and answered 200). Also the synchronous test run.
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { isNotionHandshake } from '../common/auth/schemes/notion.scheme';
import { ApiException } from '../common/errors/api.exception';
import { validatePayload } from '../common/validation/validate-payload';
import { syncConfig } from '../config/namespaces';
import { EventLogService } from '../events/event-log.service';
import {
  NotionEventDto,
  SupabaseWebhookDto,
  SyncEnvelopeDto,
  type AcceptedResponseDto,
} from './dto/sync-payloads.dto';
import type { HandshakeResponseDto, TestRunResponseDto } from './dto/sync-admin.dto';
import { NotionHandshakesService } from './notion-handshakes.service';
import { fromEnvelope, fromNotion, fromSupabase, type SyncChange } from './sync-change';
import { SyncProcessor, type SyncOutcome } from './sync.processor';
import type { Json } from '../common/json/json-object';

export const SYNC_QUEUE = 'sync.process';

@Injectable()
export class SyncService {
  private readonly logger = new Logger('Sync');

  constructor(
    private readonly events: EventLogService,
    private readonly processor: SyncProcessor,
    private readonly handshakes: NotionHandshakesService,
    @Inject(syncConfig.KEY) private readonly config: ConfigType<typeof syncConfig>,
  ) {}

  async receiveSupabase(
    body: Json,
    requestId: string,
    identity?: string,
  ): Promise<AcceptedResponseDto> {
    if ('event_type' in body) return this.acceptEnvelope('supabase', body, requestId, identity);
    const change = fromSupabase(
      await validatePayload(SupabaseWebhookDto, body),
      (table) => this.keyColumnOf(table),
      identity,
    );
    return this.accept(change, body, requestId);
  }

  /** SUPABASE_PRIMARY_KEYS names the key column of a table (as `schema.table` or `table`). */
  private keyColumnOf(table: string): string {
    const keys = this.config.supabasePrimaryKeys;
    return keys[table] ?? keys[table.replace(/^public\./, '')] ?? 'id';
  }

  /** A handshake answers 200 (kept for the operator); an event is recorded and answers 202. */
  async receiveNotion(
    body: Json,
    requestId: string,
    identity: string | undefined,
    sourceAddress: string,
  ): Promise<
    { status: 200; body: HandshakeResponseDto } | { status: 202; body: AcceptedResponseDto }
  > {
    if (isNotionHandshake(body))
      return {
        status: 200,
        body: await this.handshakes.receive(body.verification_token, sourceAddress),
      };
    return { status: 202, body: await this.receiveNotionEvent(body, requestId, identity) };
  }

  private async receiveNotionEvent(
    body: Json,
    requestId: string,
    identity?: string,
  ): Promise<AcceptedResponseDto> {
    if ('event_type' in body) return this.acceptEnvelope('notion', body, requestId, identity);
    return this.accept(fromNotion(await validatePayload(NotionEventDto, body)), body, requestId);
  }

  /**
   * The old service's payload check, now also asking the source: validates the envelope and says
   * what processing would do. A dry run: nothing is recorded, mirrored or counted.
   */
  async testRun(body: SyncEnvelopeDto): Promise<TestRunResponseDto> {
    const result = await this.dryRun(body);
    return {
      status: result.error ? 'failed' : 'valid',
      message: result.error
        ? 'Webhook payload is valid, but processing would fail now'
        : 'Webhook payload is valid',
      dry_run: true,
      would_be_processed: true,
      parsed_payload: body,
      ...result,
    };
  }

  private async dryRun(body: SyncEnvelopeDto): Promise<{
    outcome: SyncOutcome | null;
    error: string | null;
    processing_ms: number;
  }> {
    const started = performance.now();
    try {
      const outcome = await this.processor.dryRun(fromEnvelope(body));
      return { outcome, error: null, processing_ms: Math.round(performance.now() - started) };
    } catch (error) {
      return {
        outcome: null,
        error: error instanceof Error ? error.message : String(error),
        processing_ms: Math.round(performance.now() - started),
      };
    }
  }

  /** The replaced service's envelope; each route takes envelopes of its own source only. */
  private async acceptEnvelope(
    route: 'supabase' | 'notion',
    body: Json,
    requestId: string,
    identity?: string,
  ): Promise<AcceptedResponseDto> {
    const envelope = await validatePayload(SyncEnvelopeDto, body, true);
    if (envelope.source !== route) throw wrongSource(route);
    return this.accept(fromEnvelope(envelope, identity), body, requestId);
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
      subject: change.recordId,
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
        // The old service named the Notion envelope's table_name `database_id` in its answer.
        ...(change.source === 'notion' && !change.providerType
          ? { database_id: change.table }
          : {}),
        // The old service echoed the event's own time; the receive time when it carries none.
        timestamp: eventTime(change) ?? event.receivedAt.toISOString(),
        duplicate: event.duplicate,
      },
    };
  }
}

function eventTime(change: SyncChange): string | null {
  const time = change.version ? Date.parse(change.version) : NaN;
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** As the replaced service: each route takes envelopes of its own source only. */
function wrongSource(expected: 'supabase' | 'notion'): ApiException {
  return ApiException.badRequest(
    'wrong_source',
    'Wrong source',
    `This route takes envelopes with source "${expected}"`,
    { expected },
  );
}
