// The app as the campaign and call suites run it: fake HOC and ElevenLabs on loopback, phone
// mode, upstream timeouts of 3 s. `useCallsApp()` inside a describe starts it before the tests,
// heals the fakes after each and stops everything after the last.
import request from 'supertest';
import { FakeElevenLabs } from '../../tools/fakes/elevenlabs.fake';
import { FakeHoc } from '../../tools/fakes/hoc.fake';
import type { Json } from '../../tools/json';
import { bearer, eventually, startTestApp, type TestApp } from './test-app';

export interface CallsApp {
  readonly t: TestApp;
  readonly hoc: FakeHoc;
  readonly elevenlabs: FakeElevenLabs;
  setup(body: Json, headers?: Record<string, string>): request.Test;
  trigger(body: Json, headers?: Record<string, string>): request.Test;
  /** The campaign's stored package (GET /campaigns/{id}/package). */
  campaignPackage(campaignId: string): Promise<Json>;
  /** The call once its post-call results made it `completed` (a job after the webhook's 200). */
  completedCall(id: string): Promise<Json>;
}

export function useCallsApp(): CallsApp {
  const hoc = new FakeHoc();
  const elevenlabs = new FakeElevenLabs();
  let t: TestApp | undefined;
  const app = () => {
    if (!t) throw new Error('useCallsApp: the app starts in beforeAll');
    return t;
  };

  beforeAll(async () => {
    await Promise.all([hoc.start(), elevenlabs.start()]);
    t = await startTestApp({
      HOC_API_URL: hoc.url,
      HOC_API_KEY: hoc.apiKey,
      // Timeouts above what a loaded machine (coverage, two workers) needs for a first call,
      // which also loads the ElevenLabs SDK; the timeout tests' upstreams take longer still.
      HOC_TIMEOUT_MS: '3000',
      HOC_UPLOAD_ENABLED: 'true',
      ELEVENLABS_API_URL: elevenlabs.url,
      ELEVENLABS_API_KEY: elevenlabs.apiKey,
      ELEVENLABS_AGENT_ID: 'agent_test_susi',
      ELEVENLABS_PHONE_NUMBER_ID: 'phnum_default',
      ELEVENLABS_TIMEOUT_MS: '3000',
      PUBLIC_BASE_URL: 'http://hoc.example.test',
    });
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([hoc.stop(), elevenlabs.stop()]);
  });
  afterEach(() => {
    hoc.heal();
    elevenlabs.heal();
  });

  return {
    get t() {
      return app();
    },
    hoc,
    elevenlabs,
    setup: (body, headers = bearer) =>
      request(app().url).post('/webhook/setup-campaign').set(headers).send(body),
    trigger: (body, headers = {}) =>
      request(app().url)
        .post('/webhook/trigger-call')
        .set({ ...bearer, ...headers })
        .send(body),
    campaignPackage: async (campaignId) =>
      (await request(app().url).get(`/campaigns/${campaignId}/package`).set(bearer).expect(200))
        .body as Json,
    completedCall: (id) =>
      eventually(async () => {
        const res = await request(app().url).get(`/calls/${id}`).set(bearer);
        return res.status === 200 && res.body.data.status === 'completed'
          ? (res.body.data as Json)
          : null;
      }),
  };
}
