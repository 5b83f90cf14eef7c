// The records many suites build: a trigger-call candidate, ElevenLabs post-call bodies and their
// signed delivery, the transcription that answers campaign questions, booking messages and
// Supabase change events. Each returns a fresh copy; a test states only what it changes.
import request from 'supertest';
import { elevenLabsSignature, fixture } from '../../tools/signing';
import type { Json } from '../../tools/json';
import { ELEVENLABS_SECRET } from './test-app';

/** The trigger-call body of the seed's candidate (campaign 123), without a number: link mode. */
export const candidate = (overrides: Json = {}): Json => ({
  campaign_id: 123,
  company_name: 'Tech Startup GmbH',
  candidate_first_name: 'Max',
  candidate_last_name: 'Mustermann',
  ...overrides,
});

/** The questions of `hoc/questionnaire.json` as a stored campaign package holds them. */
export const PACKAGE_QUESTIONS = [
  {
    id: 'q1',
    text: 'Wie viele Jahre Berufserfahrung haben Sie in der Pflege?',
    type: 'text',
    required: true,
    order: 1,
  },
  { id: 'q2', text: 'Ab wann könnten Sie starten?', type: 'date', required: true, order: 2 },
  { id: 'q3', text: 'Haben Sie einen Führerschein?', type: 'boolean', required: false, order: 3 },
];

export type PostCallKind =
  | 'post_call_transcription'
  | 'post_call_audio'
  | 'call_initiation_failure_twilio'
  | 'call_initiation_failure_sip';

/** An ElevenLabs post-call body from its fixture, for `conversationId` when given. */
export function postCallBody(kind: PostCallKind, conversationId?: string): Json {
  const body = structuredClone(fixture<Json>(`elevenlabs/${kind}.json`));
  if (conversationId !== undefined) body.data.conversation_id = conversationId;
  return body;
}

/** POST /webhook/post-call with the text as sent; `signature` undefined sends no header. */
export function postCall(url: string, body: Json | string, signature?: string) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const req = request(url).post('/webhook/post-call').set('Content-Type', 'application/json');
  if (signature !== undefined) req.set('ElevenLabs-Signature', signature);
  return req.send(text);
}

/** POST /webhook/post-call signed as ElevenLabs signs it. */
export function signedPostCall(url: string, body: Json | string) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return postCall(url, text, elevenLabsSignature(text, ELEVENLABS_SECRET));
}

/**
 * A transcription for `conversationId` whose data collection answers q1–q3 of the fixture's
 * questionnaire (and the agent's own two items), with the call's dynamic variables.
 */
export function answeredTranscription(conversationId: string, variables: Json): Json {
  const body = postCallBody('post_call_transcription', conversationId);
  body.data.conversation_initiation_client_data.dynamic_variables = variables;
  body.data.analysis.data_collection_results = {
    q1: { data_collection_id: 'q1', value: '5', rationale: 'Fünf Jahre.' },
    q2: { data_collection_id: 'q2', value: '2027-03-01', rationale: 'Erster März.' },
    q3: { data_collection_id: 'q3', value: true, rationale: 'Klasse B.' },
    callback_request: {
      data_collection_id: 'callback_request',
      value: null,
      rationale: 'Hatte Zeit.',
    },
    candidate_open_questions: {
      data_collection_id: 'candidate_open_questions',
      value: 'Gibt es Nachtschichten?',
      rationale: 'Konnte nicht beantwortet werden.',
    },
  };
  return body;
}

/** What `answeredTranscription` puts on the call, question by question. */
export const ANSWERS = [
  {
    question_id: 'q1',
    question: 'Wie viele Jahre Berufserfahrung haben Sie in der Pflege?',
    matched: true,
    value: '5',
    rationale: 'Fünf Jahre.',
  },
  {
    question_id: 'q2',
    question: 'Ab wann könnten Sie starten?',
    matched: true,
    value: '2027-03-01',
    rationale: 'Erster März.',
  },
  {
    question_id: 'q3',
    question: 'Haben Sie einen Führerschein?',
    matched: true,
    value: true,
    rationale: 'Klasse B.',
  },
];

/** The seed's booking message (the old service's body), with what the test changes. */
export const bookingMessage = (overrides: Json = {}): Json => ({
  ...fixture<Json>('seed/booking_message.json'),
  ...overrides,
});

/** A Supabase row as the sync suites use it. */
export const applicantRow = (id: number, status: string, updatedAt: string) => ({
  id,
  name: 'Anna Schmidt',
  status,
  updated_at: updatedAt,
});

/** Supabase's native database-webhook body for an INSERT, or an UPDATE when `old` is given. */
export const supabaseChange = (table: string, record: Json, old?: Json) => ({
  type: old ? 'UPDATE' : 'INSERT',
  table,
  schema: 'public',
  record,
  old_record: old ?? null,
});
