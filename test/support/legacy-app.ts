// The app as the old services' callers find it: configured only by the old variable names
// (HIRINGS_API_URL, ELEVENLABS_POST_CALL_HMAC_KEY, GHL_WEBHOOK_SECRET, …) against fake HOC,
// Notion and Supabase, with the requests those callers send signed the old way.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { FakeHoc } from '../../tools/fakes/hoc.fake';
import { FakeNotion } from '../../tools/fakes/notion.fake';
import { FakeSupabase } from '../../tools/fakes/supabase.fake';
import { elevenLabsSignature, hmacHex } from '../../tools/signing';
import type { Json } from '../../tools/json';
import { eventually, startTestApp, type TestApp } from './test-app';

/** A request of the old services' documentation (src/docs/examples/seed). */
export const seed = (name: string): Json =>
  JSON.parse(readFileSync(join(__dirname, '../../src/docs/examples/seed', name), 'utf8')) as Json;

// The old services' settings, under their old names where the name has one meaning; the old
// bearer tokens and WEBHOOK_SECRET are never read (legacy-env.e2e-spec.ts), so their values go
// under the new names here.
export const OLD = {
  API_TOKENS: 'old-voice-key,old-sync-key',
  SYNC_WEBHOOK_SECRET: 'old-sync-hmac',
  GHL_WEBHOOK_SECRET: 'old-ghl-secret',
  ELEVENLABS_POST_CALL_HMAC_KEY: 'old-elevenlabs-hmac',
  ENVIRONMENT: 'development',
  LOG_LEVEL: 'SILENT',
};
/** The new names unset, so only the old ones configure the app. */
export const NEW_UNSET = {
  ELEVENLABS_WEBHOOK_SECRETS: undefined,
  NODE_ENV: undefined,
};
export const oldBearer = { Authorization: 'Bearer old-voice-key' };

export interface LegacyApp {
  readonly t: TestApp;
  readonly hoc: FakeHoc;
  readonly notionApi: FakeNotion;
  readonly source: FakeSupabase;
  /** ELEVENLABS_POST_CALL_PAYLOAD_PATH, the old services' payload folder. */
  readonly payloadDir: string;
}

/** Starts the app on the old names before the describe's tests, stops it after. */
export function useLegacyApp(): LegacyApp {
  const hoc = new FakeHoc();
  const notionApi = new FakeNotion();
  const source = new FakeSupabase();
  let t: TestApp | undefined;
  let payloadDir = '';

  beforeAll(async () => {
    await Promise.all([hoc.start(), notionApi.start(), source.start()]);
    payloadDir = mkdtempSync(join(tmpdir(), 'hoc-legacy-payloads-'));
    t = await startTestApp({
      ...NEW_UNSET,
      ...OLD,
      HIRINGS_API_URL: hoc.url,
      HIRINGS_API_TOKEN: hoc.apiKey,
      ELEVENLABS_POST_CALL_PAYLOAD_PATH: payloadDir,
      HOC_UPLOAD_ENABLED: 'true',
      NOTION_API_KEY: notionApi.apiKey,
      NOTION_API_URL: notionApi.url,
      SUPABASE_URL: source.url,
      SUPABASE_KEY: source.apiKey,
      SYNC_MAX_ATTEMPTS: '2',
    });
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([hoc.stop(), notionApi.stop(), source.stop()]);
    if (payloadDir) rmSync(payloadDir, { recursive: true, force: true });
  });
  afterEach(() => {
    hoc.heal();
    notionApi.heal();
    source.heal();
  });

  return {
    get t() {
      if (!t) throw new Error('useLegacyApp: the app starts in beforeAll');
      return t;
    },
    hoc,
    notionApi,
    source,
    get payloadDir() {
      return payloadDir;
    },
  };
}

/**
 * POST `body` to `path` as the old senders sign: the JSON text is sent as it was signed, with
 * `sign(text)` in the `header`.
 */
export function postSignedJson(
  t: TestApp,
  path: string,
  body: Json,
  header: string,
  sign: (text: string) => string,
) {
  const text = JSON.stringify(body);
  return request(t.url)
    .post(path)
    .set('Content-Type', 'application/json')
    .set(header, sign(text))
    .send(text);
}

/** POST /webhook/post-call signed with the old ELEVENLABS_POST_CALL_HMAC_KEY. */
export const oldSignedPostCall = (t: TestApp, body: Json) =>
  postSignedJson(t, '/webhook/post-call', body, 'elevenlabs-signature', (text) =>
    elevenLabsSignature(text, OLD.ELEVENLABS_POST_CALL_HMAC_KEY),
  );

export const signedEnvelope = (t: TestApp, route: 'supabase' | 'notion', body: Json) =>
  postSignedJson(t, `/api/v1/webhooks/${route}`, body, 'X-Webhook-Signature', (text) =>
    hmacHex(text, OLD.SYNC_WEBHOOK_SECRET),
  );

export async function eventOf(t: TestApp, id: string, status = 'processed'): Promise<Json> {
  return eventually(async () => {
    const res = await request(t.url)
      .get('/api/v1/webhooks/events')
      .query({ limit: 200 })
      .set(oldBearer);
    const found = (res.body.data.items as Json[]).find((e) => e.id === id);
    return found?.status === status ? found : undefined;
  }, 20_000);
}
