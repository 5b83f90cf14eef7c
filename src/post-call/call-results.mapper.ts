// Turns ElevenLabs post-call data into the call record's results: outcome, analysis, the
// collected answers matched to the campaign's question ids, and the transcript turns.
import type { CallResults, CollectedAnswer } from '../calls/call.types';
import type { PackageQuestion } from '../campaigns/campaign-package.types';
import { SCREENING_ITEMS } from '../campaigns/screening-items';
import type { Json } from '../common/json/json-object';

const obj = (value: unknown): Json =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

export function mapTranscription(data: Json, questions: readonly PackageQuestion[]): CallResults {
  const metadata = obj(data.metadata);
  const analysis = obj(data.analysis);
  const byId = new Map(questions.map((q) => [q.id, q]));
  const collected = obj(analysis.data_collection_results);
  const screening = new Set<string>(Object.values(SCREENING_ITEMS));
  const answers: CollectedAnswer[] = Object.entries(collected)
    .filter(([key]) => byId.has(key) || !screening.has(key))
    .map(([key, raw]) => {
      const item = obj(raw);
      const id = str(item.data_collection_id) ?? key;
      const question = byId.get(id);
      return {
        question_id: id,
        question: question?.text ?? null,
        matched: question !== undefined,
        value: item.value ?? null,
        rationale: str(item.rationale),
      };
    });
  answers.sort(
    (a, b) =>
      (byId.get(a.question_id)?.order ?? Infinity) - (byId.get(b.question_id)?.order ?? Infinity),
  );
  const evaluation = Object.fromEntries(
    Object.entries(obj(analysis.evaluation_criteria_results)).map(([key, raw]) => [
      key,
      { result: obj(raw).result ?? null, rationale: obj(raw).rationale ?? null },
    ]),
  );
  const transcript = (Array.isArray(data.transcript) ? data.transcript : []).map((turn) => ({
    role: str(obj(turn).role) ?? 'unknown',
    message: str(obj(turn).message),
    time_in_call_secs: num(obj(turn).time_in_call_secs),
  }));
  return {
    outcome: str(data.status) ?? 'done',
    call_successful: str(analysis.call_successful),
    duration_secs: num(metadata.call_duration_secs),
    cost: num(metadata.cost),
    termination_reason: str(metadata.termination_reason),
    summary: str(analysis.transcript_summary),
    summary_title: str(analysis.call_summary_title),
    evaluation,
    answers,
    ...screeningItems(collected, byId),
    transcript,
  };
}

/** The callback wish and open questions, when the agent collected them (and no question uses the id). */
function screeningItems(collected: Json, questionIds: ReadonlyMap<string, unknown>): CallResults {
  const items: CallResults = {};
  for (const id of Object.values(SCREENING_ITEMS))
    if (id in collected && !questionIds.has(id)) items[id] = obj(collected[id]).value ?? null;
  return items;
}

export function mapFailure(data: Json): CallResults['failure'] {
  const metadata = obj(data.metadata);
  return {
    reason: str(data.failure_reason) ?? 'unknown',
    provider: str(metadata.type),
    detail: Object.keys(obj(metadata.body)).length ? obj(metadata.body) : null,
  };
}

/** A string or number as text; anything else is `fallback`. */
export const scalarText = (value: unknown, fallback = ''): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback;

/** The campaign and candidate ElevenLabs echoes back, for calls this server has no record of. */
export function dynamicVariables(data: Json): Json {
  return obj(obj(data.conversation_initiation_client_data).dynamic_variables);
}
