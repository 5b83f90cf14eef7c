// ElevenLabs post-call webhooks: the artefact is written durably, then the event and the call
// record's update commit in one transaction, all before the 200. A redelivery is recognised by
// its dedup key and answered without a second write.
import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { CallRecords, type CallUpdate } from '../calls/call-records.repository';
import type { CallArtefact, CallResults } from '../calls/call.types';
import type { CampaignPackage } from '../campaigns/campaign-package.types';
import { CampaignPackages } from '../campaigns/campaign-packages.repository';
import { ApiException } from '../common/errors/api.exception';
import { validatePayload } from '../common/validation/validate-payload';
import type { AppTransaction } from '../database/database.service';
import { EventLog } from '../events/event-log.service';
import { ArtefactStore, type ArtefactKind } from './artefact-store';
import { dynamicVariables, mapFailure, mapTranscription, scalarText } from './call-results.mapper';
import { PostCallWebhookDto, type PostCallResponseDto } from './dto/post-call.dto';
import {
  decodePostCallBody,
  invalidAudio,
  looksLikeMp3,
  type DecodedPostCall,
} from './post-call-body';

const HANDLED = {
  post_call_transcription: { kind: 'transcription.json', message: 'Transcription stored' },
  post_call_audio: { kind: 'audio.mp3', message: 'Audio stored' },
  call_initiation_failure: { kind: 'failure.json', message: 'Call failure recorded' },
} as const satisfies Record<string, { kind: ArtefactKind; message: string }>;

type HandledType = keyof typeof HANDLED;
type Json = Record<string, unknown>;

@Injectable()
export class PostCallService {
  private readonly logger = new Logger('PostCall');

  constructor(
    private readonly packages: CampaignPackages,
    private readonly events: EventLog,
    private readonly calls: CallRecords,
    private readonly artefacts: ArtefactStore,
  ) {}

  async receive(
    raw: Buffer | undefined,
    contentType: string | undefined,
    requestId: string,
  ): Promise<PostCallResponseDto> {
    const decoded = await decodePostCallBody(raw, contentType);
    const type = typeof decoded.body.type === 'string' ? decoded.body.type : undefined;
    if (type && !(type in HANDLED))
      return this.ignore(type, decoded.body, raw as Buffer, requestId);

    const envelope = await validatePayload(PostCallWebhookDto, decoded.body);
    const handled = HANDLED[envelope.type as HandledType];
    const conversationId = envelope.data.conversation_id;
    const fingerprint =
      envelope.event_timestamp ??
      createHash('sha256')
        .update(raw as Buffer)
        .digest('hex');
    const dedupKey = `elevenlabs:${envelope.type}:${conversationId}:${fingerprint}`;

    const kind = envelope.type as HandledType;
    const bytes = this.artefactBytes(kind, decoded, raw as Buffer);
    const data = decoded.body.data as Json;
    const questions =
      kind === 'post_call_transcription' ? await this.questionsFor(conversationId, data) : [];
    const outcome = {
      file_path: this.artefacts.relativePath(conversationId, handled.kind),
      file_size: bytes.length,
    };
    const event = await this.events.record({
      source: 'elevenlabs',
      type: envelope.type,
      dedupKey,
      payload:
        decoded.format === 'multipart' || kind === 'post_call_audio'
          ? { ...decoded.body, audio_bytes: bytes.length }
          : decoded.body,
      requestId,
      status: 'processed',
      processingMs: 0,
      outcome,
      onInsert: (tx) => this.updateCall(tx, kind, conversationId, data, questions, outcome),
    });
    // The file follows the commit (so a redelivery writes nothing twice); should the process die
    // in between, the sender saw no 2xx and redelivers, and the redelivery finds the file missing.
    if (!event.duplicate || !(await this.artefacts.exists(conversationId, handled.kind))) {
      await this.artefacts.write(conversationId, handled.kind, bytes);
    }
    return this.answer(handled.message, requestId, envelope.type, outcome, event.duplicate);
  }

  private artefactBytes(type: HandledType, decoded: DecodedPostCall, raw: Buffer): Buffer {
    if (type !== 'post_call_audio') return raw;
    if (!decoded.audio || decoded.audio.length === 0) {
      throw new ApiException({
        status: 400,
        code: 'missing_required_fields',
        error: 'Missing required fields',
        message: 'data.full_audio is required',
        extras: { missing: ['data.full_audio'] },
      });
    }
    if (!looksLikeMp3(decoded.audio))
      throw invalidAudio('The audio is not MP3 (no ID3 tag or MPEG frame sync)');
    return decoded.audio;
  }

  /** The campaign's questions, to match collected answers to; ElevenLabs echoes the campaign id. */
  private async questionsFor(
    conversationId: string,
    data: Json,
  ): Promise<CampaignPackage['questions']> {
    const campaignId =
      scalarText(dynamicVariables(data).campaign_id) ||
      (await this.calls.get(conversationId))?.campaignId;
    return campaignId ? this.packages.questions(campaignId) : [];
  }

  private async updateCall(
    tx: AppTransaction,
    type: HandledType,
    conversationId: string,
    data: Json,
    questions: CampaignPackage['questions'],
    outcome: { file_path: string; file_size: number },
  ) {
    const vars = dynamicVariables(data);
    // A post-call webhook may concern a call this replica never saw; keep what it tells.
    const seed = {
      conversationId,
      campaignId: scalarText(vars.campaign_id, 'unknown'),
      candidateFirstName: scalarText(vars.candidate_first_name),
      candidateLastName: scalarText(vars.candidate_last_name),
      companyName: scalarText(vars.company_name),
      mode: 'phone' as const,
      status: 'initiated',
      request: { source: 'post-call webhook' },
    };
    const at = new Date().toISOString();
    const artefact = { file_path: outcome.file_path, size_bytes: outcome.file_size, stored_at: at };
    await this.calls.apply(tx, seed, this.callChange(type, data, questions, artefact, at));
  }

  private callChange(
    type: HandledType,
    data: Json,
    questions: CampaignPackage['questions'],
    artefact: CallArtefact,
    at: string,
  ): CallUpdate {
    if (type === 'post_call_transcription') {
      const results: CallResults = mapTranscription(data, questions);
      const status = results.outcome === 'failed' ? 'failed' : 'completed';
      return {
        status,
        timeline: {
          status,
          at,
          detail: { source: 'post_call_transcription', call_successful: results.call_successful },
        },
        results,
        artefacts: { transcription: artefact },
      };
    }
    if (type === 'post_call_audio') {
      return {
        timeline: { status: 'audio_stored', at, detail: { size_bytes: artefact.size_bytes } },
        artefacts: { audio: artefact },
      };
    }
    const failure = mapFailure(data);
    return {
      status: 'failed',
      timeline: { status: 'failed', at, detail: { reason: failure?.reason } },
      results: { failure },
      artefacts: { failure: artefact },
    };
  }

  /** ElevenLabs disables endpoints that keep failing: an unknown type is kept and acknowledged. */
  private async ignore(
    type: string,
    body: Json,
    raw: Buffer,
    requestId: string,
  ): Promise<PostCallResponseDto> {
    this.logger.warn(
      `unhandled ElevenLabs webhook type '${type.slice(0, 100)}' kept in the event log`,
    );
    const digest = createHash('sha256').update(raw).digest('hex');
    const event = await this.events.record({
      source: 'elevenlabs',
      type: type.slice(0, 100),
      dedupKey: `elevenlabs:unknown:${digest}`,
      payload: body,
      requestId,
      status: 'processed',
      processingMs: 0,
      outcome: { ignored: true },
    });
    return {
      status: 'success',
      message: `Unhandled webhook type '${type.slice(0, 100)}' logged`,
      request_id: requestId,
      data: {
        file_path: null,
        webhook_type: type.slice(0, 100),
        ignored: true,
        duplicate: event.duplicate,
      },
    };
  }

  private answer(
    message: string,
    requestId: string,
    type: string,
    outcome: Json | null,
    duplicate: boolean,
  ): PostCallResponseDto {
    return {
      status: 'success',
      message: duplicate ? `${message} (duplicate delivery, nothing written)` : message,
      request_id: requestId,
      data: {
        file_path: (outcome?.file_path as string) ?? null,
        webhook_type: type,
        file_size: outcome?.file_size as number,
        duplicate,
      },
    };
  }
}
