import type { CallResults, TimelineEntry } from '../call.types';

export class CandidateDto {
  /** @example "Max" */
  first_name!: string;
  /** @example "Mustermann" */
  last_name!: string;
}

export class ArtefactLinkDto {
  /** Link calls only: the ElevenLabs conversation (the talk page's) the artefact came from. @example "conv_01jx9widget" */
  conversation_id?: string;
  /** Relative to PAYLOAD_DIR. @example "conv_01jx9abcdef/conv_01jx9abcdef_audio.mp3" */
  file_path!: string;
  /** @example 48213 */
  size_bytes!: number;
  stored_at!: string;
  /** Download link (bearer). @example "http://localhost:3000/calls/conv_01jx9abcdef/artefacts/audio" */
  url!: string;
}

export class CallViewDto {
  /** @example "conv_01jx9abcdef" */
  conversation_id!: string;
  /** @example "123" */
  campaign_id!: string;
  candidate!: CandidateDto;
  /** @example "Tech Startup GmbH" */
  company!: string;
  /** @example "+491701234567" */
  to_number!: string | null;
  /** `phone` (outbound call) or `link` (browser talk page). */
  mode!: string;
  /** initiated, link_created, completed or failed. @example "completed" */
  status!: string;
  /** Every status change, oldest first. */
  timeline!: TimelineEntry[];
  /** The trigger-call request as received. */
  request!: Record<string, unknown>;
  /** Transcript summary, analysis, collected answers and failure, after the post-call webhooks. */
  results!: CallResults | null;
  /** Stored transcription, audio and failure files. */
  artefacts!: Record<string, ArtefactLinkDto>;
  created_at!: string;
  updated_at!: string;
  /** What was left out because the caller lacks the scope `recordings`. @example ["transcript","artefacts"] */
  withheld?: string[];
}

export class CallViewResponseDto {
  /** @example "success" */
  status!: 'success';
  data!: CallViewDto;
}
