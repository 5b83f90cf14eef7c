// The call record as stored and as `GET /calls/{conversation_id}` shows it.

export type CallStatus = 'initiated' | 'link_created' | 'completed' | 'failed';

export interface TimelineEntry {
  status: string;
  at: string;
  detail?: Record<string, unknown>;
}

export interface CollectedAnswer {
  /** The campaign question id when the data-collection id matches one. */
  question_id: string;
  question: string | null;
  matched: boolean;
  value: unknown;
  rationale: string | null;
}

export interface CallResults {
  outcome?: string;
  call_successful?: string | null;
  duration_secs?: number | null;
  cost?: number | null;
  termination_reason?: string | null;
  summary?: string | null;
  summary_title?: string | null;
  evaluation?: Record<string, { result: unknown; rationale: unknown }>;
  answers?: CollectedAnswer[];
  /** The day and time a candidate without time asked to be called back (agent data collection). */
  callback_request?: unknown;
  /** Questions about the job the agent could not answer, for a follow-up. */
  candidate_open_questions?: unknown;
  transcript?: { role: string; message: string | null; time_in_call_secs: number | null }[];
  failure?: { reason: string; provider: string | null; detail: Record<string, unknown> | null };
}

export interface CallArtefact {
  /** The ElevenLabs conversation the artefact is stored under, when not the call's own id (link calls). */
  conversation_id?: string;
  file_path: string;
  size_bytes: number;
  stored_at: string;
}
