// ElevenLabs post-call webhooks, the ingest half: decode, validate the envelope, then one
// group-committed write of the event, its artefact bytes and its job before the 200. Mapping the
// results onto the call and the PAYLOAD_DIR mirror run in the job (PostCallProcessor).
// A redelivery (same type, conversation and event_timestamp) is answered without a second write.
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ApiException } from '../common/errors/api.exception';
import { validatePayload } from '../common/validation/validate-payload';
import { EventLogService } from '../events/event-log.service';
import { ARTEFACT_KINDS, artefactPath, type ArtefactKind } from './artefact-kinds';
import { PostCallWebhookDto, type PostCallResponseDto } from './dto/post-call.dto';
import {
  decodePostCallBody,
  invalidAudio,
  looksLikeMp3,
  type DecodedPostCall,
} from './post-call-body';
import type { Json } from '../common/json/json-object';
import { fromLegacyPostCall } from './legacy-post-call';

export const POST_CALL_QUEUE = 'post-call.process';

export const HANDLED = {
  post_call_transcription: { kind: 'transcription', message: 'Transcription stored' },
  post_call_audio: { kind: 'audio', message: 'Audio stored' },
  call_initiation_failure: { kind: 'failure', message: 'Call failure recorded' },
} as const satisfies Record<string, { kind: ArtefactKind; message: string }>;

export type HandledType = keyof typeof HANDLED;
/** ElevenLabs' identity of a delivery: type, conversation and event time; else none. */
function dedupKey(type: string, conversationId: string | undefined, timestamp: unknown): string {
  return typeof timestamp === 'number' && conversationId
    ? `elevenlabs:${type}:${conversationId}:${timestamp}`
    : `elevenlabs:${type}:${randomUUID()}`;
}

/**
 * The fields PostCallWebhookDto validates, without the rest of the body (the transcript, its
 * analysis): the DTO is lenient about other fields, so the outcome is the same, but
 * class-transformer would copy the whole body first.
 */
function envelopeFields(body: Json): Json {
  const data = body.data;
  const slim =
    data && typeof data === 'object' && !Array.isArray(data)
      ? {
          conversation_id: (data as Json).conversation_id,
          agent_id: (data as Json).agent_id,
          full_audio: (data as Json).full_audio,
        }
      : data;
  return { type: body.type, event_timestamp: body.event_timestamp, data: slim };
}

@Injectable()
export class PostCallService {
  private readonly logger = new Logger('PostCall');

  constructor(private readonly events: EventLogService) {}

  async receive(
    raw: Buffer | undefined,
    contentType: string | undefined,
    requestId: string,
  ): Promise<PostCallResponseDto> {
    const decoded = await decodePostCallBody(raw, contentType);
    decoded.body = fromLegacyPostCall(decoded.body);
    const type = typeof decoded.body.type === 'string' ? decoded.body.type : undefined;
    if (type && !(type in HANDLED)) return this.ignore(type, decoded.body, requestId);

    const envelope = await validatePayload(PostCallWebhookDto, envelopeFields(decoded.body));
    const handledType = envelope.type as HandledType;
    const { kind, message } = HANDLED[handledType];
    const conversationId = envelope.data.conversation_id;
    const bytes = this.artefactBytes(handledType, decoded, raw as Buffer);
    const event = await this.events.record({
      source: 'elevenlabs',
      type: envelope.type,
      dedupKey: dedupKey(envelope.type, conversationId, envelope.event_timestamp),
      payload:
        decoded.format === 'multipart' || handledType === 'post_call_audio'
          ? { ...decoded.body, audio_bytes: bytes.length }
          : decoded.body,
      requestId,
      subject: conversationId,
      queue: POST_CALL_QUEUE,
      outcome: { file_path: artefactPath(conversationId, kind), file_size: bytes.length },
      artefact: { conversationId, kind, contentType: ARTEFACT_KINDS[kind].contentType, bytes },
    });
    return {
      status: 'success',
      message: event.duplicate ? `${message} (duplicate delivery, nothing written)` : message,
      request_id: requestId,
      data: {
        file_path: artefactPath(conversationId, kind),
        webhook_type: envelope.type,
        file_size: bytes.length,
        duplicate: event.duplicate,
      },
    };
  }

  private artefactBytes(type: HandledType, decoded: DecodedPostCall, raw: Buffer): Buffer {
    if (type !== 'post_call_audio') return raw;
    if (!decoded.audio || decoded.audio.length === 0) {
      throw ApiException.missingFields(['data.full_audio']);
    }
    if (!looksLikeMp3(decoded.audio))
      throw invalidAudio('The audio is not MP3 (no ID3 tag or MPEG frame sync)');
    return decoded.audio;
  }

  /** ElevenLabs disables endpoints that keep failing: an unknown type is kept and acknowledged. */
  private async ignore(type: string, body: Json, requestId: string): Promise<PostCallResponseDto> {
    const name = type.slice(0, 100);
    this.logger.warn(`unhandled ElevenLabs webhook type '${name}' kept in the event log`);
    const data = body.data as Json | undefined;
    const conversationId =
      data && typeof data.conversation_id === 'string'
        ? data.conversation_id.slice(0, 128)
        : undefined;
    const event = await this.events.record({
      source: 'elevenlabs',
      type: name,
      dedupKey: dedupKey(`unknown:${name}`, conversationId, body.event_timestamp),
      payload: body,
      requestId,
      status: 'processed',
      processingMs: 0,
      outcome: { ignored: true },
    });
    return {
      status: 'success',
      message: `Unhandled webhook type '${name}' logged`,
      request_id: requestId,
      data: { file_path: null, webhook_type: name, ignored: true, duplicate: event.duplicate },
    };
  }
}
