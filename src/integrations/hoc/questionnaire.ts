// HOC's questionnaire in the shapes it is known to come in: questions at the top level, inside
// a `{data: …}` wrapper, or as a bare array; `text` tolerated for `question`.
import type { Json } from '../../common/json/json-object';

export interface QuestionnaireQuestion {
  id: string;
  text: string;
  type: string;
  required: boolean;
}

export interface Questionnaire {
  campaign_id: string | null;
  company_name: string | null;
  job_title: string | null;
  language: string | null;
  /** What the agent may tell candidates about the job (HOC's `job_facts`, `location`, `job_description`). */
  job_facts: string[];
  questions: QuestionnaireQuestion[];
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim()
    ? value.trim()
    : typeof value === 'number'
      ? String(value)
      : null;

function question(raw: unknown, index: number): QuestionnaireQuestion | null {
  if (typeof raw === 'string')
    return raw.trim()
      ? { id: `q${index + 1}`, text: raw.trim(), type: 'text', required: true }
      : null;
  if (!raw || typeof raw !== 'object') return null;
  const item = raw as Json;
  const body = text(item.question) ?? text(item.text) ?? text(item.label);
  if (!body) return null;
  return {
    id: text(item.id) ?? `q${index + 1}`,
    text: body,
    type: text(item.type) ?? 'text',
    required:
      item.required === undefined ? true : item.required === true || item.required === 'true',
  };
}

function jobFacts(meta: Json): string[] {
  const listed = Array.isArray(meta.job_facts) ? meta.job_facts : [meta.job_facts];
  const facts = listed.map(text);
  const location = text(meta.location);
  if (location) facts.push(`Arbeitsort / location: ${location}`);
  facts.push(text(meta.job_description));
  return facts.filter((fact): fact is string => fact !== null).map((fact) => fact.slice(0, 2000));
}

/** Normalises any accepted shape; null when there is no question list in it. */
export function normaliseQuestionnaire(payload: unknown): Questionnaire | null {
  let root: unknown = payload;
  if (root && typeof root === 'object' && !Array.isArray(root) && 'data' in root)
    root = (root as Json).data;
  const meta: Json = root && typeof root === 'object' && !Array.isArray(root) ? (root as Json) : {};
  const list = Array.isArray(root) ? root : meta.questions;
  if (!Array.isArray(list)) return null;
  const questions = list.map(question).filter((q): q is QuestionnaireQuestion => q !== null);
  return {
    campaign_id: text(meta.campaign_id),
    company_name: text(meta.company_name),
    job_title: text(meta.job_title),
    language: text(meta.language),
    job_facts: jobFacts(meta),
    questions,
  };
}
