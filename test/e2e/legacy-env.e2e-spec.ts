// Each old service's own environment, exactly as its documentation gives it
// (test/fixtures/legacy-env), driving that service's documented requests: every answer is the one
// docs/migration.md gives. Only the upstreams' addresses point at loopback fakes, the data
// directory is a scratch one and the log is silent; the test suites' own secrets are unset.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import openapi from '../../openapi.json';
import { deprecationWarnings } from '../../src/config/startup-warnings';
import { FakeElevenLabs } from '../../tools/fakes/elevenlabs.fake';
import { FakeHoc } from '../../tools/fakes/hoc.fake';
import { FakeNotion } from '../../tools/fakes/notion.fake';
import { FakeSupabase } from '../../tools/fakes/supabase.fake';
import { elevenLabsSignature, fixture, hmacHex } from '../../tools/signing';
import { postSignedJson } from '../support/legacy-app';
import { spawnMain } from '../support/main-process';
import { legacyEnv, startOnLegacyEnv } from '../support/legacy-env';
import {
  bearer,
  expectErrorShape,
  startTestApp,
  type TestApp,
  useTestApp,
} from '../support/test-app';

type Json = Record<string, any>;

/** Every bearer route of the API, with placeholder path parameters. */
const BEARER_ROUTES = Object.entries(openapi.paths as Record<string, Json>).flatMap(([path, ops]) =>
  Object.entries(ops)
    .filter(([, op]) => (op as Json).security?.some((s: Json) => 'bearer' in s))
    .map(([method]) => ({ method, path: path.replace(/\{[^}]+\}/g, 'x1') })),
);

describe('campaign set-up service, its own env (e2e)', () => {
  const env = legacyEnv('campaign-setup.env');
  const hoc = new FakeHoc(env.API_KEY);
  const elevenlabs = new FakeElevenLabs(env.ELEVENLABS_API_KEY);
  const app = useTestApp([hoc, elevenlabs], () =>
    startOnLegacyEnv(env, {
      HOC_API_URL: hoc.url,
      API_URL: hoc.url,
      ELEVENLABS_API_URL: elevenlabs.url,
    }),
  );

  it(`Bearer <its API_KEY> (HOC's own key) is refused on every bearer route`, async () => {
    expect(BEARER_ROUTES.length).toBeGreaterThan(20);
    for (const { method, path } of BEARER_ROUTES) {
      const res = await (request(app().url) as any)
        [method](path)
        .set('Authorization', `Bearer ${env.API_KEY}`)
        .send({});
      expect([401, 403]).toContain(res.status);
    }
  });

  it('setup-campaign with Bearer <WEBHOOK_SECRET> is refused until migrate-env gives it to a client', async () => {
    const res = await request(app().url)
      .post('/webhook/setup-campaign')
      .set('Authorization', `Bearer ${env.WEBHOOK_SECRET}`)
      .send(fixture('seed/setup_campaign.json'))
      .expect(401);
    expectErrorShape(res.body, { code: 'auth_not_configured' });
    expect(hoc.requests).toHaveLength(0);
  });

  it("starts with warnings naming API_KEY's and WEBHOOK_SECRET's two meanings and the unread set-up variables", () => {
    const warnings = deprecationWarnings(env).join('\n');
    expect(warnings).toMatch(/^API_KEY is ambiguous.*campaign set-up.*HOC_API_KEY.*call trigger/m);
    expect(warnings).toMatch(/^WEBHOOK_SECRET is ambiguous.*API_CLIENTS.*SYNC_WEBHOOK_SECRET/m);
    for (const name of ['USE_API_SOURCE', 'API_URL', 'API_STATUS', 'FILTER_TEST_APPLICANTS'])
      expect(warnings).toContain(`${name} (campaign set-up service) is not read`);
  });
});

describe('campaign set-up service, its own env, as a process (e2e)', () => {
  const env = legacyEnv('campaign-setup.env');

  it('development starts, warning that API_KEY has two meanings', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hoc-legacy-setup-'));
    const main = spawnMain({ ...env, NODE_ENV: 'development', DATA_DIR: dataDir });
    try {
      await main.listening(150_000);
      expect(main.output()).toMatch(
        /API_KEY is ambiguous and is NOT read.*HOC_API_KEY.*API_CLIENTS/,
      );
    } finally {
      main.child.kill('SIGTERM');
      await main.exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);

  it('production refuses to start in one line naming API_KEY', async () => {
    const main = spawnMain({ ...env, NODE_ENV: 'production', EMBEDDED_DATABASE: 'true' });
    expect((await main.exited).code).toBe(1);
    const lines = main.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Refusing to start in production: API_KEY is ambiguous/);
  });
});

describe('call trigger service, its own env (e2e)', () => {
  const env = legacyEnv('call-trigger.env');
  const app = useTestApp([], () => startOnLegacyEnv(env));

  it('Bearer <API_KEY> is refused (an old token grants nothing until migrate-env names it); health keeps its fields', async () => {
    const res = await request(app().url)
      .post('/webhook/trigger-call')
      .set('Authorization', `Bearer ${env.API_KEY}`)
      .send(fixture('seed/trigger_call.json'))
      .expect(401);
    expectErrorShape(res.body, { code: 'auth_not_configured' });
    const health = await request(app().url).get('/webhook/health').expect(200);
    expect(health.body).toMatchObject({ status: 'healthy' });
  });
});

describe('call trigger, link mode by default (e2e)', () => {
  const elevenlabs = new FakeElevenLabs();
  const hoc = new FakeHoc();
  // What migrate-env writes for the call trigger service, with the test token as its client.
  const app = useTestApp([elevenlabs, hoc], () =>
    startTestApp({
      CALL_MODE: undefined,
      HOC_API_URL: hoc.url,
      HOC_API_KEY: hoc.apiKey,
      ELEVENLABS_API_URL: elevenlabs.url,
      ELEVENLABS_API_KEY: elevenlabs.apiKey,
      ELEVENLABS_AGENT_ID: 'agent_dashboard',
    }),
  );

  it('the documented request with to_number gets a talk link, no phone call; the answer says link mode ran', async () => {
    const res = await request(app().url)
      .post('/webhook/trigger-call')
      .set(bearer)
      .send(fixture('seed/trigger_call.json'))
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'success',
      message: 'Outbound call initiated successfully',
      data: {
        mode: 'link',
        campaign_id: 123,
        to_number: '+491701234567',
        call_status: 'link_created',
        conversation_link: expect.stringMatching(/\/talk\//),
      },
    });
    expect(elevenlabs.calls()).toHaveLength(0);
  });
});

describe('sync service, its own env (e2e)', () => {
  const env = legacyEnv('sync.env');
  const supabase = new FakeSupabase(env.SUPABASE_KEY);
  const notion = new FakeNotion(env.NOTION_API_KEY);
  const app = useTestApp([supabase, notion], () =>
    startOnLegacyEnv(env, { SUPABASE_URL: supabase.url, NOTION_API_URL: notion.url }),
  );

  it('an envelope signed with SUPABASE_KEY is refused until SYNC_WEBHOOK_SECRET is set (migrate-env sets it)', async () => {
    const text = JSON.stringify(fixture('seed/sync_envelope.json'));
    const res = await request(app().url)
      .post('/api/v1/webhooks/supabase')
      .set('Content-Type', 'application/json')
      .set('X-Webhook-Signature', hmacHex(text, env.SUPABASE_KEY))
      .send(text);
    expect(res.status).toBe(401);
  });

  it('/stats and /test with Bearer <API_SECRET_KEY> are refused until migrate-env names the client', async () => {
    const auth = { Authorization: `Bearer ${env.API_SECRET_KEY}` };
    expect((await request(app().url).get('/api/v1/webhooks/stats').set(auth)).status).toBe(401);
    expect((await request(app().url).post('/api/v1/webhooks/test').set(auth).send({})).status).toBe(
      401,
    );
  });
});

describe('post-call service, its own env (e2e)', () => {
  const env = legacyEnv('post-call.env');
  let t: TestApp;
  let payloads: string;

  beforeAll(async () => {
    payloads = mkdtempSync(join(tmpdir(), 'hoc-legacy-payloads-'));
    t = await startOnLegacyEnv(env, { ELEVENLABS_POST_CALL_PAYLOAD_PATH: payloads });
  });
  afterAll(async () => {
    await t.close();
    rmSync(payloads, { recursive: true, force: true });
  });

  it('a transcription signed with ELEVENLABS_POST_CALL_HMAC_KEY is stored (200)', async () => {
    const res = await postSignedJson(
      t,
      '/webhook/post-call',
      fixture('elevenlabs/post_call_transcription.json'),
      'elevenlabs-signature',
      (text) => elevenLabsSignature(text, env.ELEVENLABS_POST_CALL_HMAC_KEY),
    ).expect(200);
    expect(res.body).toMatchObject({ status: 'success', message: 'Transcription stored' });
  });

  it('POST /echo, open before, needs a bearer token now', async () => {
    await request(t.url).post('/echo').send({ hello: 'world' }).expect(401);
  });
});

describe('booking service, its own env (e2e)', () => {
  const env = legacyEnv('booking.env');
  const app = useTestApp([], () => startOnLegacyEnv(env));

  it('GHL_WEBHOOK_SECRET signs the moved webhook: unsigned refused, signed received', async () => {
    const text = JSON.stringify(fixture('seed/booking_message.json'));
    const post = () =>
      request(app().url).post('/booking/webhook').set('Content-Type', 'application/json');
    expect((await post().send(text)).status).toBe(401);
    const res = await post()
      .set('X-Webhook-Signature', hmacHex(text, env.GHL_WEBHOOK_SECRET))
      .send(text);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'received',
      thread_id: 'thread_abc123',
      mode: 'api-only',
    });
    await request(app().url).get('/booking/metrics').expect(200);
  });
});
