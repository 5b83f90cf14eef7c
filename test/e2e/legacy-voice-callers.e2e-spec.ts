// The old voice services' callers (campaign set-up, call trigger, ElevenLabs post-call, the
// generic webhook and echo), replayed with their own documented requests and variable names:
// each gets the documented answer, or the difference the README's migration table names.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { elevenLabsSignature } from '../../tools/signing';
import { oldBearer, oldSignedPostCall, seed, useLegacyApp } from '../support/legacy-app';
import { eventually, expectErrorShape, type TestApp } from '../support/test-app';

describe('old voice callers, old variable names (e2e)', () => {
  const legacy = useLegacyApp();
  const { hoc } = legacy;
  let t: TestApp;
  beforeAll(() => {
    t = legacy.t;
  });

  it('set-up reads the questionnaire from HIRINGS_API_URL; the cached answer reports the finished upload', async () => {
    const first = await request(t.url)
      .post('/webhook/setup-campaign')
      .set(oldBearer)
      .send(seed('setup_campaign.json'))
      .expect(200);
    expect(first.body).toMatchObject({ status: 'success', cached: false, upload: 'queued' });
    expect(hoc.questionnaireFetches('123')).toBe(1);
    await eventually(async () => hoc.received('POST', '/campaigns/123/package').length === 1);
    const cached = await eventually(async () => {
      const res = await request(t.url)
        .post('/webhook/setup-campaign')
        .set(oldBearer)
        .send(seed('setup_campaign.json'))
        .expect(200);
      return res.body.upload === 'uploaded' ? res.body : undefined;
    });
    expect(cached).toMatchObject({ cached: true, upload: 'uploaded' });
  });

  it('trigger-call: the old missing-fields answer, and the old auth messages', async () => {
    const res = await request(t.url)
      .post('/webhook/trigger-call')
      .set(oldBearer)
      .send({ company_name: 'Tech Startup GmbH' })
      .expect(400);
    expect(res.body).toMatchObject({
      status: 'error',
      error: 'Missing required fields',
      missing: ['campaign_id', 'candidate_first_name', 'candidate_last_name'],
    });
    const noAuth = await request(t.url)
      .post('/webhook/trigger-call')
      .send(seed('trigger_call.json'))
      .expect(401);
    expect(noAuth.body).toMatchObject({
      error: 'Missing Authorization header',
      message: 'Please provide Authorization: Bearer {API_KEY}',
    });
  });

  it('GET /webhook/health keeps the old fields', async () => {
    const res = await request(t.url).get('/webhook/health').expect(200);
    expect(res.body).toEqual(
      expect.objectContaining({
        status: 'healthy',
        service: expect.any(String),
        hirings_api_url: hoc.url,
        timestamp: expect.any(String),
      }),
    );
    expect(res.body).toHaveProperty('agent_id');
  });

  it('the flat transcription sample is a transcription of the call, stored under the old path', async () => {
    const body = {
      conversation_id: 'conv_abc123',
      transcript: 'Hello, how can I help you today?',
      status: 'completed',
      duration: 120,
      timestamp: '2025-11-12T08:00:00Z',
    };
    const res = await oldSignedPostCall(t, body).expect(200); // the old service answered 201
    expect(res.body).toMatchObject({
      status: 'success',
      request_id: expect.any(String),
      data: {
        file_path: 'conv_abc123/conv_abc123_transcription.json',
        webhook_type: 'post_call_transcription',
      },
    });
    const call = await eventually(async () => {
      const c = (await request(t.url).get('/calls/conv_abc123').set(oldBearer)).body.data;
      return c.status === 'completed' ? c : undefined;
    });
    expect(call.results).toMatchObject({
      outcome: 'completed',
      duration_secs: 120,
      transcript: [{ message: 'Hello, how can I help you today?' }],
    });
    const file = join(legacy.payloadDir, 'conv_abc123/conv_abc123_transcription.json');
    await eventually(async () => existsSync(file));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(body);
    expect((await oldSignedPostCall(t, body).expect(200)).body.data.duplicate).toBe(true);
  });

  it('the flat failure sample marks the call failed with its message', async () => {
    const res = await oldSignedPostCall(t, {
      conversation_id: 'conv_fail1',
      error_code: 'INIT_FAILED',
      error_message: 'Failed to initialize call',
      timestamp: '2025-11-12T08:00:00Z',
    }).expect(200);
    expect(res.body.data).toMatchObject({
      webhook_type: 'call_initiation_failure',
      file_path: 'conv_fail1/conv_fail1_failure.json',
    });
    const call = await eventually(async () => {
      const c = (await request(t.url).get('/calls/conv_fail1').set(oldBearer)).body.data;
      return c.status === 'failed' ? c : undefined;
    });
    expect(call.results.failure).toMatchObject({ reason: 'Failed to initialize call' });
  });

  it('a flat body with a bad signature is still refused, and one without conversation id is a 400', async () => {
    const text = JSON.stringify({ conversation_id: 'conv_x', transcript: 'hi' });
    await request(t.url)
      .post('/webhook/post-call')
      .set('Content-Type', 'application/json')
      .set('elevenlabs-signature', elevenLabsSignature(text, 'wrong'))
      .send(text)
      .expect(401);
    const bad = await oldSignedPostCall(t, { conversation_id: '../etc', transcript: 'hi' });
    expect(bad.status).toBe(400);
    expectErrorShape(bad.body);
  });

  it('POST /webhook and /echo answer as documented, with the bearer token now required', async () => {
    const generic = seed('generic_event.json');
    await request(t.url).post('/webhook').send(generic).expect(401);
    const res = await request(t.url).post('/webhook').set(oldBearer).send(generic).expect(200);
    expect(res.body).toMatchObject({
      status: 'success',
      message: "Payload of type 'user_signup' processed successfully",
      request_id: expect.any(String),
      data: { processed: true, event_type: 'user_signup' },
    });
    const before = Date.now();
    const echo = await request(t.url)
      .post('/echo')
      .set(oldBearer)
      .send({ event_type: 'test_event', data: { key: 'value' } })
      .expect(200);
    expect(echo.body).toMatchObject({
      status: 'success',
      message: 'Echo received',
      data: { event_type: 'test_event', data: { key: 'value' } },
    });
    expect(Date.parse(echo.body.data.timestamp)).toBeGreaterThanOrEqual(before - 1000);
    const given = await request(t.url)
      .post('/echo')
      .set(oldBearer)
      .send({ event_type: 'test_event', timestamp: '2025-11-12T08:00:00Z' })
      .expect(200);
    expect(given.body.data.timestamp).toBe('2025-11-12T08:00:00Z');
  });

  it('health: /health is the shared liveness body, /metrics is Prometheus text (booking moved to /booking/metrics)', async () => {
    const health = await request(t.url).get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', info: { app: { status: 'up' } } });
    const metrics = await request(t.url).get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    const booking = await request(t.url).get('/booking/metrics').expect(200);
    expect(Object.keys(booking.body).sort()).toEqual([
      'active_threads',
      'errors',
      'rate_limited',
      'requests',
      'timestamp',
      'uptime_seconds',
    ]);
  });
});
