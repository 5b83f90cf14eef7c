// The job half of a post-call webhook, after the acknowledgement: map the results onto the call
// (status, timeline, answers matched to the campaign's questions, artefact links) and write the
// PAYLOAD_DIR mirror when one is configured. `post-call.jobs.ts` hands it each event of a batch
// through EventLogService.processBatch, so attempts and errors show in the event log; a rerun of
// a mapped event does not append to the timeline again.
import { Injectable } from '@nestjs/common';
import { CallChangesService } from '../calls/call-changes.service';
import {
  CallRecordsRepository,
  type CallSeed,
  type CallUpdate,
} from '../calls/call-records.repository';
import type { CallArtefact, CallResults } from '../calls/call.types';
import type { CampaignPackage } from '../campaigns/campaign-package.types';
import { CampaignPackagesRepository } from '../campaigns/campaign-packages.repository';
import type { EventRow } from '../events/event.types';
import { ArtefactMirror } from './artefact-mirror';
import { ArtefactsRepository } from '../events/artefacts.repository';
import { artefactPath } from './artefact-kinds';
import { dynamicVariables, mapFailure, mapTranscription, scalarText } from './call-results.mapper';
import { HANDLED, type HandledType } from './post-call.service';
import type { Json } from '../common/json/json-object';

@Injectable()
export class PostCallProcessor {
  constructor(
    private readonly packages: CampaignPackagesRepository,
    private readonly calls: CallRecordsRepository,
    private readonly changes: CallChangesService,
    private readonly store: ArtefactsRepository,
    private readonly mirror: ArtefactMirror,
  ) {}

  async handle(event: EventRow): Promise<Json> {
    const type = event.type as HandledType;
    const { kind } = HANDLED[type];
    const data = (event.payload as { data: Json }).data;
    const conversationId = String(data.conversation_id);
    const filePath = artefactPath(conversationId, kind);
    // The ingest noted the size; an event without the note (replayed from before) asks the store.
    const noted = event.outcome?.file_size;
    const size =
      typeof noted === 'number' ? noted : (await this.store.find(conversationId, kind))?.sizeBytes;
    if (size === undefined) throw new Error(`artefact ${kind} of event ${event.id} is missing`);
    // A talk-page conversation belongs to the link call it references (no orphan record).
    const { callId, linkCall } = await this.calls.forConversation(
      conversationId,
      dynamicVariables(data),
    );
    const questions =
      type === 'post_call_transcription' ? await this.questionsFor(callId, data) : [];
    const artefact = {
      file_path: filePath,
      size_bytes: size,
      stored_at: event.receivedAt.toISOString(),
      ...(linkCall ? { conversation_id: conversationId } : {}),
    };
    const change = this.callChange(type, event.id, data, questions, artefact);
    if (linkCall)
      change.timeline.detail = {
        ...change.timeline.detail,
        elevenlabs_conversation_id: conversationId,
      };
    // Once per event: a rerun after a crash does not append to the timeline again. Written with
    // the other events' changes of this job batch.
    await this.changes.apply({
      seed: this.seed(callId, data),
      change,
      onceFor: event.id,
      receivedAt: event.receivedAt,
    });
    let mirrored = false;
    if (this.mirror.enabled) {
      const bytes = await this.store.read(conversationId, kind);
      if (bytes) mirrored = await this.mirror.write(conversationId, kind, bytes, event.receivedAt);
    }
    return { file_path: filePath, file_size: size, mirrored };
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

  /** A post-call webhook may concern a call this server never saw; keep what it tells. */
  private seed(conversationId: string, data: Json): CallSeed {
    const vars = dynamicVariables(data);
    return {
      conversationId,
      campaignId: scalarText(vars.campaign_id, 'unknown'),
      candidateFirstName: scalarText(vars.candidate_first_name),
      candidateLastName: scalarText(vars.candidate_last_name),
      companyName: scalarText(vars.company_name),
      mode: 'phone',
      status: 'initiated',
      request: { source: 'post-call webhook' },
    };
  }

  private callChange(
    type: HandledType,
    eventId: string,
    data: Json,
    questions: CampaignPackage['questions'],
    artefact: CallArtefact,
  ): CallUpdate {
    const at = new Date().toISOString();
    if (type === 'post_call_transcription') {
      const results: CallResults = mapTranscription(data, questions);
      const status = results.outcome === 'failed' ? 'failed' : 'completed';
      return {
        status,
        timeline: {
          status,
          at,
          detail: {
            source: 'post_call_transcription',
            call_successful: results.call_successful,
            event_id: eventId,
          },
        },
        results,
        artefacts: { transcription: artefact },
      };
    }
    if (type === 'post_call_audio') {
      return {
        timeline: {
          status: 'audio_stored',
          at,
          detail: { size_bytes: artefact.size_bytes, event_id: eventId },
        },
        artefacts: { audio: artefact },
      };
    }
    const failure = mapFailure(data);
    return {
      status: 'failed',
      timeline: { status: 'failed', at, detail: { reason: failure?.reason, event_id: eventId } },
      results: { failure },
      artefacts: { failure: artefact },
    };
  }
}
