// The shapes of the API answers the console reads, as the console's JSDoc names them
// (`import('../../public-types/console-api').CallSummary`). Only the fields the pages use; the
// server's DTOs (src/**/dto) are the contract, these follow them.

export interface ApiList<T> {
  status: string;
  data: T[];
}

export interface ApiItem<T> {
  status: string;
  data: T;
}

export interface ApiErrorBody {
  message?: string;
  code?: string;
}

export interface CallSummary {
  conversation_id: string;
  created_at: string;
  first_name: string;
  last_name: string;
  campaign_id: string;
  company: string | null;
  status: string;
  has_audio: boolean;
}

export interface CallAnswer {
  question_id: string;
  question: string | null;
  matched: boolean;
  value: unknown;
}

export interface TranscriptTurn {
  role: string;
  message: string | null;
  time_in_call_secs: number | null;
}

export interface CallDetail {
  conversation_id: string;
  status: string;
  campaign_id: string;
  company: string | null;
  created_at: string;
  candidate: { first_name: string; last_name: string };
  artefacts?: { audio?: unknown } | null;
  timeline?: { status: string; at: string }[] | null;
  results?: {
    summary?: string | null;
    answers?: CallAnswer[] | null;
    transcript?: TranscriptTurn[] | null;
  } | null;
  /** What the API left out because the caller lacks the scope `recordings`. */
  withheld?: ('transcript' | 'artefacts')[];
}

export interface CampaignSummary {
  campaign_id: string;
  company_name: string | null;
  question_count: number;
  upload_status: string;
  updated_at: string;
}

export interface CampaignPackage {
  package_id: string;
  campaign_id: string;
  upload_status: string;
  company_name: string | null;
  job_title: string | null;
  language: string;
  created_at: string;
  agent?: { name: string } | null;
  questions?: { order: number; text: string; type: string; required: boolean }[] | null;
}

export interface ThreadSummary {
  thread_id: string;
  phone: string;
  messages: number;
  last_message_at: string;
}

export interface Thread {
  thread_id: string;
  phone: string;
  messages: { direction: string; message: string; created_at: string; status: string }[];
}

export interface EventSummary {
  id: string;
  received_at: string;
  source: string;
  type: string;
  subject: string | null;
  status: string;
  attempts: number;
}

export interface EventPage {
  status: string;
  data: { items: EventSummary[] };
}

export interface AttemptEntry {
  at: string;
  kind: string;
  outcome?: string;
  duration_ms?: number;
  error?: string;
  reason?: string;
}

export interface EventDetail extends EventSummary {
  replayable: boolean;
  last_error: string | null;
  outcome: unknown;
  attempt_history: AttemptEntry[];
  payload: unknown;
  headers?: Record<string, string> | null;
}

export interface ReplayResult {
  queued: number;
}

export interface SyncStats {
  total_processed: number;
  total_failed: number;
  success_rate: number;
  dead_lettered: number;
  queued: number;
}

export interface ActivityBucket {
  start: string;
  received: number;
  processed: number;
  failed: number;
  dead: number;
}

export interface SyncedRecord {
  source: string;
  table: string;
  record_id: string;
  deleted: boolean;
  verified: boolean;
  updated_at: string;
}

/** A page: the route's parameter and a way to register clean-up when the operator leaves. */
export type Page = (param: string, onLeave: (cleanup: () => void) => void) => Promise<Node>;

/** GET /console/auth/session: the identity provider's session, when signed in through one. */
export interface ConsoleSession {
  person: string;
  scopes: string[];
  csrf_token: string;
}

/** GET /api/v1/me: the signed-in client or person and what it may do. */
export interface Me {
  kind: 'client' | 'person';
  name: string;
  scopes: string[];
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string | null;
  actor_kind: string | null;
  action: string;
  target_kind: string | null;
  /** SHA-256 where the id can name a person, else the id. */
  target: string | null;
  outcome: string;
  request_id: string | null;
  source_ip: string | null;
  details: Record<string, unknown>;
}

export interface AuditPage {
  entries: AuditEntry[];
  next_before: number | null;
}
