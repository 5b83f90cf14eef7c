// HOC's voice-screening calls against fake HOC and ElevenLabs servers: campaign packages,
// trigger-call in phone and link mode, idempotency, upstream failures, the talk page in Chromium.
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { FakeElevenLabs } from '../fakes/elevenlabs.fake';
import { FakeHoc } from '../fakes/hoc.fake';
import { launchBrowser } from '../support/browser';
import { fixture } from '../support/signing';
import {
  bearer,
  eventually,
  expectErrorShape,
  startTestApp,
  type TestApp,
} from '../support/test-app';

type Json = Record<string, any>;

describe('campaigns and calls (e2e)', () => {
  const hoc = new FakeHoc();
  const elevenlabs = new FakeElevenLabs();
  let t: TestApp;

  const setup = (body: Json, headers: Record<string, string> = bearer) =>
    request(t.url).post('/webhook/setup-campaign').set(headers).send(body);
  const trigger = (body: Json, headers: Record<string, string> = {}) =>
    request(t.url)
      .post('/webhook/trigger-call')
      .set({ ...bearer, ...headers })
      .send(body);
  const candidate = {
    campaign_id: 123,
    company_name: 'Tech Startup GmbH',
    candidate_first_name: 'Max',
    candidate_last_name: 'Mustermann',
  };

  beforeAll(async () => {
    await Promise.all([hoc.start(), elevenlabs.start()]);
    t = await startTestApp({
      HOC_API_URL: hoc.url,
      HOC_API_KEY: hoc.apiKey,
      HOC_TIMEOUT_MS: '1000',
      HOC_UPLOAD_ENABLED: 'true',
      ELEVENLABS_API_URL: elevenlabs.url,
      ELEVENLABS_API_KEY: elevenlabs.apiKey,
      ELEVENLABS_AGENT_ID: 'agent_test_susi',
      ELEVENLABS_PHONE_NUMBER_ID: 'phnum_default',
      ELEVENLABS_TIMEOUT_MS: '1000',
      PUBLIC_BASE_URL: 'http://hoc.example.test',
    });
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([hoc.stop(), elevenlabs.stop()]);
  });
  afterEach(() => {
    hoc.heal();
    elevenlabs.heal();
  });

  describe('POST /webhook/setup-campaign', () => {
    it('refuses a missing or wrong token', async () => {
      expectErrorShape((await setup({ campaign_id: '123' }, {}).expect(401)).body, {
        code: 'missing_authorization',
      });
      expectErrorShape(
        (await setup({ campaign_id: '123' }, { Authorization: 'Bearer wrong' }).expect(401)).body,
        { code: 'invalid_token' },
      );
    });

    it('builds the package from the questionnaire, stores it and uploads it to HOC', async () => {
      const res = await setup({ campaign_id: '123', force_rebuild: false }).expect(200);
      expect(res.body).toEqual({
        status: 'success',
        package_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        download_url: 'http://hoc.example.test/campaigns/123/package',
        question_count: 3,
        company_name: 'Tech Startup GmbH',
        cached: false,
        upload: 'queued',
      });
      const upload = await eventually(
        async () => hoc.received('POST', '/campaigns/123/package')[0],
      );
      expect(upload.json).toMatchObject({
        package_id: res.body.package_id,
        campaign_id: '123',
        question_count: 3,
      });
      const pkg = (await request(t.url).get('/campaigns/123/package').set(bearer).expect(200)).body;
      expect(pkg).toMatchObject({
        package_id: res.body.package_id,
        campaign_id: '123',
        company_name: 'Tech Startup GmbH',
        job_title: 'Pflegefachkraft (m/w/d)',
        language: 'de',
        question_count: 3,
        questions: [
          {
            id: 'q1',
            text: 'Wie viele Jahre Berufserfahrung haben Sie in der Pflege?',
            type: 'text',
            required: true,
            order: 1,
          },
          {
            id: 'q2',
            text: 'Ab wann könnten Sie starten?',
            type: 'date',
            required: true,
            order: 2,
          },
          {
            id: 'q3',
            text: 'Haben Sie einen Führerschein?',
            type: 'boolean',
            required: false,
            order: 3,
          },
        ],
        agent: {
          name: 'Susi',
          first_message_template: expect.stringContaining(
            'Guten Tag {{candidate_first_name}} {{candidate_last_name}}, hier spricht Susi von Tech Startup GmbH',
          ),
        },
        source_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      await eventually(
        async () =>
          (await request(t.url).get('/campaigns/123/package').set(bearer)).body.upload_status ===
          'uploaded',
      );
    });

    it('returns the stored package as cached, and rebuilds on force_rebuild', async () => {
      const fetches = hoc.questionnaireFetches('123');
      const cached = await setup({ campaign_id: 123 }).expect(200);
      expect(cached.body.cached).toBe(true);
      expect(hoc.questionnaireFetches('123')).toBe(fetches);
      const rebuilt = await setup({ campaign_id: '123', force_rebuild: true }).expect(200);
      expect(rebuilt.body).toMatchObject({ cached: false, question_count: 3 });
      expect(rebuilt.body.package_id).not.toBe(cached.body.package_id);
      expect(hoc.questionnaireFetches('123')).toBe(fetches + 1);
    });

    it('builds once when set-ups of one campaign arrive together', async () => {
      hoc.questionnaires.set('77', {
        data: {
          company_name: 'Klinik Nord',
          questions: [{ id: 'a', text: 'Schichtdienst möglich?' }],
        },
      });
      hoc.fail(
        '/questionnaire/77',
        {
          status: 200,
          body: {
            data: {
              company_name: 'Klinik Nord',
              questions: [{ id: 'a', text: 'Schichtdienst möglich?' }],
            },
          },
          delayMs: 300,
        },
        1,
      );
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => setup({ campaign_id: '77' }).expect(200)),
      );
      expect(new Set(answers.map((a) => a.body.package_id)).size).toBe(1);
      expect(hoc.questionnaireFetches('77')).toBe(1);
    });

    it('404 for a campaign HOC does not know', async () => {
      expectErrorShape((await setup({ campaign_id: '999' }).expect(404)).body, {
        code: 'campaign_not_found',
      });
      expectErrorShape(
        (await request(t.url).get('/campaigns/999/package').set(bearer).expect(404)).body,
        { code: 'package_not_found' },
      );
    });

    it('502 when HOC fails, 504 when it is slow', async () => {
      hoc.fail('/questionnaire/', { status: 500, body: { error: 'db down' } });
      const down = await setup({ campaign_id: '124', force_rebuild: true }).expect(502);
      expectErrorShape(down.body, { code: 'upstream_error' });
      expect(down.body.details).toMatchObject({ upstream: 'HOC', upstream_status: 500 });
      hoc.heal().fail('/questionnaire/', {
        delayMs: 1500,
        status: 200,
        body: fixture('hoc/questionnaire.json'),
      });
      const started = Date.now();
      expectErrorShape((await setup({ campaign_id: '125' }).expect(504)).body, {
        code: 'upstream_timeout',
      });
      expect(Date.now() - started).toBeLessThan(1400);
    });

    it('rejects invalid campaign ids with 400', async () => {
      expect((await setup({}).expect(400)).body.missing).toEqual(['campaign_id']);
      expectErrorShape((await setup({ campaign_id: '../etc' }).expect(400)).body, {
        code: 'validation_failed',
      });
      expectErrorShape((await setup({ campaign_id: 1.5 }).expect(400)).body, {
        code: 'validation_failed',
      });
    });
  });

  describe('POST /webhook/trigger-call', () => {
    it('lists every missing field in the seed 400 body', async () => {
      const res = await trigger({}).expect(400);
      expectErrorShape(res.body, { code: 'missing_required_fields' });
      expect(res.body).toMatchObject({
        error: 'Missing required fields',
        missing: ['campaign_id', 'company_name', 'candidate_first_name', 'candidate_last_name'],
      });
      const one = await trigger({ ...candidate, candidate_last_name: '' }).expect(400);
      expect(one.body.missing).toEqual(['candidate_last_name']);
    });

    it('answers 401 without a token, with the seed body', async () => {
      const res = await request(t.url).post('/webhook/trigger-call').send(candidate).expect(401);
      expect(res.body).toMatchObject({
        error: 'Missing Authorization header',
        message: 'Please provide Authorization: Bearer {API_KEY}',
      });
    });

    it('rejects a number that is not E.164', async () => {
      const res = await trigger({ ...candidate, to_number: '0170 1234567' }).expect(400);
      expectErrorShape(res.body, { code: 'validation_failed' });
      expect(Object.keys(res.body.details.fields)).toEqual(['to_number']);
      expect(elevenlabs.calls()).toHaveLength(0);
    });

    it('places the call with the exact body ElevenLabs expects', async () => {
      await setup({ campaign_id: '123' }).expect(200);
      const res = await trigger({ ...fixture<Json>('seed/trigger_call.json') }).expect(200);
      const firstMessage =
        'Guten Tag Max Mustermann, hier spricht Susi von Tech Startup GmbH. Haben Sie kurz Zeit für ein paar Fragen zu Ihrer Bewerbung?';
      expect(res.body).toEqual({
        status: 'success',
        message: 'Call initiated',
        data: {
          campaign_id: '123',
          candidate: 'Max Mustermann',
          company: 'Tech Startup GmbH',
          to_number: '+491701234567',
          conversation_id: expect.stringMatching(/^conv_fake/),
          call_status: 'initiated',
          questionnaire_loaded: true,
          timestamp: expect.any(String),
          prompt_length: expect.any(Number),
          first_message: firstMessage,
        },
      });
      const sent = elevenlabs.calls().at(-1)!;
      expect(sent.path).toBe('/v1/convai/twilio/outbound-call');
      expect(sent.headers['xi-api-key']).toBe(elevenlabs.apiKey);
      expect(sent.json).toEqual({
        agent_id: 'agent_test_susi',
        agent_phone_number_id: 'phnum_01jx000000',
        to_number: '+491701234567',
        conversation_initiation_client_data: {
          dynamic_variables: {
            candidate_first_name: 'Max',
            candidate_last_name: 'Mustermann',
            company_name: 'Tech Startup GmbH',
            campaign_id: '123',
          },
          conversation_config_override: {
            agent: {
              prompt: { prompt: expect.any(String) },
              first_message: firstMessage,
              language: 'de',
            },
          },
        },
      });
      const prompt = (sent.json as Json).conversation_initiation_client_data
        .conversation_config_override.agent.prompt.prompt as string;
      expect(prompt.length).toBe(res.body.data.prompt_length);
      expect(prompt.indexOf('1. Wie viele Jahre Berufserfahrung')).toBeLessThan(
        prompt.indexOf('2. Ab wann könnten Sie starten?'),
      );
      const call = (
        await request(t.url).get(`/calls/${res.body.data.conversation_id}`).set(bearer).expect(200)
      ).body.data;
      expect(call).toMatchObject({
        campaign_id: '123',
        status: 'initiated',
        mode: 'phone',
        to_number: '+491701234567',
        timeline: [{ status: 'initiated' }],
      });
    });

    it('defaults agent_phone_number_id to ELEVENLABS_PHONE_NUMBER_ID', async () => {
      await trigger({ ...candidate, to_number: '+491701234567' }).expect(200);
      expect((elevenlabs.calls().at(-1)!.json as Json).agent_phone_number_id).toBe('phnum_default');
    });

    it('still calls for an unknown campaign, with questionnaire_loaded false', async () => {
      const res = await trigger({
        ...candidate,
        campaign_id: 'unknown-42',
        to_number: '+491701234567',
      }).expect(200);
      expect(res.body.data.questionnaire_loaded).toBe(false);
      expect(res.body.data.first_message).toContain('Guten Tag Max Mustermann');
    });

    it('maps an ElevenLabs 422 to 502 with the upstream detail', async () => {
      elevenlabs.fail('/v1/convai/twilio/outbound-call', {
        status: 422,
        body: fixture('elevenlabs/outbound_call_422.json'),
      });
      const res = await trigger({ ...candidate, to_number: '+491701234567' }).expect(502);
      expectErrorShape(res.body, { code: 'upstream_error' });
      expect(res.body.details).toMatchObject({
        upstream: 'ElevenLabs',
        upstream_status: 422,
        upstream_detail: fixture('elevenlabs/outbound_call_422.json'),
      });
    });

    it('maps an ElevenLabs timeout to 504', async () => {
      elevenlabs.fail('/v1/convai/twilio/outbound-call', { delayMs: 2500, status: 200, body: {} });
      expectErrorShape(
        (await trigger({ ...candidate, to_number: '+491701234567' }).expect(504)).body,
        { code: 'upstream_timeout' },
      );
    });

    it('returns the first answer for a repeated Idempotency-Key and dials once', async () => {
      const before = elevenlabs.calls().length;
      const body = { ...candidate, to_number: '+491701234599' };
      const first = await trigger(body, { 'Idempotency-Key': 'retry-abc-1' }).expect(200);
      const again = await trigger(body, { 'Idempotency-Key': 'retry-abc-1' }).expect(200);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(elevenlabs.calls().length - before).toBe(1);
      expectErrorShape(
        (
          await trigger(
            { ...body, candidate_first_name: 'Moritz' },
            { 'Idempotency-Key': 'retry-abc-1' },
          ).expect(409)
        ).body,
        { code: 'idempotency_key_reused' },
      );
    });

    it('dials once when retries with one key arrive concurrently', async () => {
      const before = elevenlabs.calls().length;
      elevenlabs.fail(
        '/v1/convai/twilio/outbound-call',
        {
          delayMs: 300,
          status: 200,
          body: {
            success: true,
            message: 'Success',
            conversation_id: 'conv_concurrent',
            callSid: 'CA1',
          },
        },
        1,
      );
      const body = { ...candidate, to_number: '+491701234598' };
      const answers = await Promise.all(
        Array.from({ length: 4 }, () => trigger(body, { 'Idempotency-Key': 'concurrent-key-7' })),
      );
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
      expect(new Set(answers.map((a) => a.body.data.conversation_id))).toEqual(
        new Set(['conv_concurrent']),
      );
      expect(elevenlabs.calls().length - before).toBe(1);
    });

    it('uses the SIP trunk endpoint when ELEVENLABS_TELEPHONY is sip_trunk', async () => {
      const sip = await startTestApp({
        HOC_API_URL: hoc.url,
        HOC_API_KEY: hoc.apiKey,
        ELEVENLABS_API_URL: elevenlabs.url,
        ELEVENLABS_API_KEY: elevenlabs.apiKey,
        ELEVENLABS_AGENT_ID: 'agent_x',
        ELEVENLABS_TELEPHONY: 'sip_trunk',
      });
      try {
        const res = await request(sip.url)
          .post('/webhook/trigger-call')
          .set(bearer)
          .send({ ...candidate, to_number: '+491701234567', agent_phone_number_id: 'phnum_sip' })
          .expect(200);
        expect(elevenlabs.calls().at(-1)!.path).toBe('/v1/convai/sip-trunk/outbound-call');
        expect(res.body.data.conversation_id).toMatch(/^conv_fake/);
      } finally {
        await sip.close();
      }
    });
  });

  describe('link mode and the talk page', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(() => browser?.close());

    it('creates a signed talk link and serves the widget page in Chromium', async () => {
      const res = await trigger(candidate).expect(200);
      expect(res.body).toMatchObject({
        message: 'Conversation link created',
        data: {
          call_status: 'link_created',
          to_number: null,
          conversation_link: expect.stringMatching(/^http:\/\/hoc\.example\.test\/talk\//),
        },
      });
      const path = new URL(res.body.data.conversation_link as string).pathname;
      const page = await browser.newPage();
      try {
        const response = await page.goto(`${t.url}${path}`);
        expect(response?.status()).toBe(200);
        expect(await page.locator('h1').textContent()).toBe('Hallo Max!');
        expect(await page.locator('#intro').textContent()).toContain('Susi von Tech Startup GmbH');
        const widget = page.locator('elevenlabs-convai');
        expect(await widget.getAttribute('agent-id')).toBe('agent_test_susi');
        expect(JSON.parse((await widget.getAttribute('dynamic-variables')) ?? '{}')).toEqual({
          candidate_first_name: 'Max',
          candidate_last_name: 'Mustermann',
          company_name: 'Tech Startup GmbH',
          campaign_id: '123',
          conversation_reference: res.body.data.conversation_id,
        });
        expect(await widget.getAttribute('override-first-message')).toBe(
          res.body.data.first_message,
        );
        expect(await page.getAttribute('html', 'lang')).toBe('de');
      } finally {
        await page.close();
      }
      expect(
        elevenlabs.calls().filter((c) => (c.json as Json).to_number === undefined),
      ).toHaveLength(0);
    });

    it('answers a tampered, truncated or unknown token with a 404 page', async () => {
      const res = await trigger(candidate).expect(200);
      const token = new URL(res.body.data.conversation_link as string).pathname.split('/').pop()!;
      const page = await browser.newPage();
      try {
        for (const bad of [
          `${token.slice(0, -2)}xy`,
          token.slice(0, 20),
          'nonsense',
          `${token}.x`,
        ]) {
          const response = await page.goto(`${t.url}/talk/${bad}`);
          expect(response?.status()).toBe(404);
          expect(await page.locator('h1').textContent()).toBe('Link nicht gefunden');
        }
      } finally {
        await page.close();
      }
    });
  });
});
