// Every upstream the app calls as a loopback fake, for the suites that make them misbehave:
// upstream-faults.e2e-spec.ts (resets and 5xx) and upstream-hangs.e2e-spec.ts (silence).
import request from 'supertest';
import { FakeElevenLabs } from '../../tools/fakes/elevenlabs.fake';
import { FakeHoc } from '../../tools/fakes/hoc.fake';
import { FakeNotion } from '../../tools/fakes/notion.fake';
import { FakeSupabase } from '../../tools/fakes/supabase.fake';
import { FakeWorkflow } from '../../tools/fakes/workflow.fake';
import type { Json } from '../../tools/json';
import {
  bearer,
  eventually,
  type FakeUpstream,
  startTestApp,
  type TestApp,
  useTestApp,
} from './test-app';

export const fakeUpstreams = () => ({
  hoc: new FakeHoc(),
  elevenlabs: new FakeElevenLabs(),
  supabase: new FakeSupabase(),
  notion: new FakeNotion(),
  workflow: new FakeWorkflow(),
});
export type FakeUpstreams = ReturnType<typeof fakeUpstreams>;

/**
 * The app's settings pointing every upstream at its fake, each upstream timing out after
 * `timeoutMs` except ElevenLabs; `suite` names the ElevenLabs agent and phone number.
 */
export const upstreamsEnv = (fakes: FakeUpstreams, timeoutMs: number, suite: string) => ({
  HOC_API_URL: fakes.hoc.url,
  HOC_API_KEY: fakes.hoc.apiKey,
  HOC_TIMEOUT_MS: String(timeoutMs),
  ELEVENLABS_API_URL: fakes.elevenlabs.url,
  ELEVENLABS_API_KEY: fakes.elevenlabs.apiKey,
  ELEVENLABS_AGENT_ID: `agent_${suite}`,
  ELEVENLABS_PHONE_NUMBER_ID: `phnum_${suite}`,
  // Above a loaded machine's answer time from the fake: the suites' faults and hangs are set
  // per test, never this timeout.
  ELEVENLABS_TIMEOUT_MS: '3000',
  SUPABASE_URL: fakes.supabase.url,
  SUPABASE_KEY: fakes.supabase.apiKey,
  NOTION_API_URL: fakes.notion.url,
  NOTION_API_KEY: fakes.notion.apiKey,
  SYNC_SOURCE_TIMEOUT_MS: String(timeoutMs),
  BOOKING_WORKFLOW_URL: fakes.workflow.endpoint,
  BOOKING_TIMEOUT_MS: String(timeoutMs),
});

/**
 * The app against every upstream's fake (and the suite's `more` fakes), with upstreamsEnv and
 * then the suite's `env()`, started before the describe's tests and stopped after them.
 */
export function useUpstreamsApp(
  timeoutMs: number,
  suite: string,
  env: () => Record<string, string> = () => ({}),
  more: FakeUpstream[] = [],
) {
  const fakes = fakeUpstreams();
  const app = useTestApp([...Object.values(fakes), ...more], () =>
    startTestApp({ ...upstreamsEnv(fakes, timeoutMs, suite), ...env() }),
  );
  return { app, ...fakes };
}

/** The documented trigger-call request, in phone mode (the suites' default). */
export const postTriggerCall = (t: TestApp) =>
  request(t.url).post('/webhook/trigger-call').set(bearer).send({
    campaign_id: 'x',
    company_name: 'Acme',
    candidate_first_name: 'Eva',
    candidate_last_name: 'Muster',
    to_number: '+491701234567',
  });

/** The event `id` of `source`, once it is processed (it may be retried first). */
export const processedEvent = (t: TestApp, source: string, id: string, timeoutMs: number) =>
  eventually(async () => {
    const list = await request(t.url).get('/api/v1/webhooks/events').query({ source }).set(bearer);
    const found = (list.body.data.items as Json[]).find((e) => e.id === id);
    return found?.status === 'processed' ? found : undefined;
  }, timeoutMs);

/** Resolves once no event is in "processing" (every job finished or gave up). */
export const nothingProcessing = (t: TestApp) =>
  eventually(async () => {
    const list = await request(t.url)
      .get('/api/v1/webhooks/events')
      .query({ status: 'processing' })
      .set(bearer);
    return list.body.data.items.length === 0;
  }, 10_000);
