// HOC's voice-screening calls against fake HOC and ElevenLabs servers: campaign packages,
// trigger-call in phone and link mode, idempotency, upstream failures, the talk page in Chromium.
// The settings that change how trigger-call dials or whether it may (ELEVENLABS_TELEPHONY, no
// agent) are in test/medium/trigger-call-settings.medium-spec.ts.
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { FakeElevenLabs } from '../../tools/fakes/elevenlabs.fake';
import { FakeHoc } from '../../tools/fakes/hoc.fake';
import { CampaignPackagesRepository } from '../../src/campaigns/campaign-packages.repository';
import type { CampaignPackage } from '../../src/campaigns/campaign-package.types';
import { DatabaseService } from '../../src/database/database.service';
import { launchBrowser } from '../support/browser';
import { elevenLabsSignature, fixture } from '../../tools/signing';
import {
  bearer,
  ELEVENLABS_SECRET,
  eventually,
  expectErrorShape,
  startTestApp,
  type TestApp,
} from '../support/test-app';
import type { Json } from '../../tools/json';

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
        agent_id: expect.stringMatching(/^agent_fake/),
        agent: 'created',
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
          first_message_template:
            'Guten Tag, hier spricht Susi, die digitale Recruiting-Assistentin von {{company_name}}. Spreche ich mit {{candidate_first_name}} {{candidate_last_name}}?',
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

    it('502 naming ElevenLabs when its agent answer fails the SDK parsing (no `metadata`), not 500', async () => {
      await setup({ campaign_id: '123' }).expect(200);
      elevenlabs.fail(/^\/v1\/convai\/agents\//, {
        status: 200,
        body: { agent_id: 'agent_x', name: 'x', conversation_config: {}, tags: [] },
      });
      try {
        const res = await setup({ campaign_id: '123', force_rebuild: true }).expect(502);
        expectErrorShape(res.body, { code: 'upstream_error' });
        expect(res.body.details).toMatchObject({ upstream: 'ElevenLabs' });
      } finally {
        elevenlabs.heal();
      }
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
      // Answered at HOC_TIMEOUT_MS, not when HOC finally replies (how soon: the benchmark).
      const slow = await setup({ campaign_id: '125' }).expect(504);
      expectErrorShape(slow.body, { code: 'upstream_timeout' });
      expect(slow.body.details).toMatchObject({ upstream: 'HOC', timeout_ms: 1000 });
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
      const agentId = (await setup({ campaign_id: '123' }).expect(200)).body.agent_id as string;
      const firstMessage =
        'Guten Tag, hier spricht Susi, die digitale Recruiting-Assistentin von Tech Startup GmbH. Spreche ich mit Max Mustermann?';
      expect(res.body).toEqual({
        status: 'success',
        message: 'Outbound call initiated successfully',
        data: {
          mode: 'phone',
          // Sent as the number 123 (seed/trigger_call.json), echoed as sent.
          campaign_id: 123,
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
        agent_id: agentId,
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
      expect(
        prompt.indexOf('Frage 1 (ID q1, Pflichtfrage; Antwort: frei): Wie viele'),
      ).toBeLessThan(prompt.indexOf('Frage 2 (ID q2, Pflichtfrage; Antwort: ein Datum): Ab wann'));
      expect(elevenlabs.rejected).toEqual([]);
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
      expect(res.body.data.first_message).toContain('Spreche ich mit Max Mustermann?');
      // No package, so no campaign agent: the configured agent takes the call.
      expect((elevenlabs.calls().at(-1)!.json as Json).agent_id).toBe('agent_test_susi');
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
  });

  describe("the campaign's agent, its script and the results", () => {
    // HOC's questionnaire without a company name: the call's company comes from trigger-call.
    const questionnaire = {
      ...fixture<Json>('hoc/questionnaire.json'),
      campaign_id: 200,
      company_name: undefined,
    };
    const bosch = {
      campaign_id: '200',
      company_name: 'Robert Bosch Krankenhaus',
      candidate_first_name: 'Erika',
      candidate_last_name: 'Musterfrau',
    };
    const postCall = (body: Json) => {
      const text = JSON.stringify(body);
      return request(t.url)
        .post('/webhook/post-call')
        .set('Content-Type', 'application/json')
        .set('ElevenLabs-Signature', elevenLabsSignature(text, ELEVENLABS_SECRET))
        .send(text);
    };
    const transcription = (conversationId: string, variables: Json) => {
      const body = structuredClone(fixture<Json>('elevenlabs/post_call_transcription.json'));
      body.data.conversation_id = conversationId;
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
    };
    const expectedAnswers = [
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
    /** Results reach the call in a job after the webhook's 200. */
    const completedCall = (id: string) =>
      eventually(async () => {
        const res = await request(t.url).get(`/calls/${id}`).set(bearer);
        return res.status === 200 && res.body.data.status === 'completed'
          ? (res.body.data as Json)
          : null;
      });
    let agentId: string;

    beforeAll(() => {
      hoc.questionnaires.set('200', questionnaire);
    });

    it('setup-campaign creates the agent: a data-collection item per question, evaluation criteria, call overrides', async () => {
      const res = await setup({ campaign_id: '200' }).expect(200);
      expect(res.body).toMatchObject({ company_name: null, agent: 'created' });
      agentId = res.body.agent_id;
      const create = elevenlabs.agentWrites().at(-1)!;
      expect(create.method).toBe('POST');
      expect(create.path).toBe('/v1/convai/agents/create');
      const body = create.json as Json;
      const items = body.platform_settings.data_collection as Json;
      expect(Object.keys(items)).toEqual([
        'q1',
        'q2',
        'q3',
        'callback_request',
        'candidate_open_questions',
      ]);
      expect(items.q1).toEqual({
        type: 'string',
        description: expect.stringContaining(
          '„Wie viele Jahre Berufserfahrung haben Sie in der Pflege?“',
        ),
      });
      expect(items.q2).toEqual({
        type: 'string',
        description: expect.stringContaining(
          '„Ab wann könnten Sie starten?“ (als Datum JJJJ-MM-TT',
        ),
      });
      expect(items.q3).toEqual({
        type: 'boolean',
        description: expect.stringContaining('„Haben Sie einen Führerschein?“'),
      });
      expect(body.platform_settings.evaluation.criteria.map((c: Json) => c.id)).toEqual([
        'screening_completed',
        'candidate_consented',
      ]);
      expect(body.platform_settings.overrides).toEqual({
        conversation_config_override: {
          agent: { prompt: { prompt: true }, first_message: true, language: true },
        },
      });
      const agent = body.conversation_config.agent as Json;
      expect(agent.language).toBe('de');
      expect(agent.first_message).toBe(
        'Guten Tag, hier spricht Susi, die digitale Recruiting-Assistentin von {{company_name}}. Spreche ich mit {{candidate_first_name}} {{candidate_last_name}}?',
      );
      expect(agent.prompt.prompt).toContain('Recruiting-Assistentin von {{company_name}}');
      expect(Object.keys(agent.prompt.built_in_tools)).toEqual(['end_call', 'voicemail_detection']);
      // The agent's name and tags say HOC for the operator; what the candidate hears does not.
      expect(`${agent.first_message} ${agent.prompt.prompt}`).not.toMatch(/\bHOC\b/);
      const pkg = (await request(t.url).get('/campaigns/200/package').set(bearer).expect(200)).body;
      expect(pkg.agent).toMatchObject({ agent_id: agentId, provisioning: 'created' });

      const rebuilt = await setup({ campaign_id: '200', force_rebuild: true }).expect(200);
      expect(rebuilt.body).toMatchObject({ agent_id: agentId, agent: 'updated' });
      const update = elevenlabs.agentWrites().at(-1)!;
      expect([update.method, update.path]).toEqual(['PATCH', `/v1/convai/agents/${agentId}`]);
      expect(Object.keys((update.json as Json).platform_settings.data_collection)).toContain('q3');
      expect(elevenlabs.rejected).toEqual([]);
    });

    it('answers 502 and keeps the stored package when ElevenLabs refuses the agent', async () => {
      const before = (await request(t.url).get('/campaigns/200/package').set(bearer)).body;
      elevenlabs.fail(`/v1/convai/agents/${agentId}`, { status: 500, body: { detail: 'boom' } }, 1);
      expectErrorShape(
        (await setup({ campaign_id: '200', force_rebuild: true }).expect(502)).body,
        {
          code: 'upstream_error',
        },
      );
      const after = (await request(t.url).get('/campaigns/200/package').set(bearer)).body;
      expect(after.package_id).toBe(before.package_id);
    });

    it("names the request's company in the first message, the prompt and the ElevenLabs request", async () => {
      const res = await trigger({ ...bosch, to_number: '+491701230200' }).expect(200);
      expect(res.body.data.first_message).toBe(
        'Guten Tag, hier spricht Susi, die digitale Recruiting-Assistentin von Robert Bosch Krankenhaus. Spreche ich mit Erika Musterfrau?',
      );
      const sent = elevenlabs.calls().at(-1)!.json as Json;
      expect(sent.agent_id).toBe(agentId);
      const client = sent.conversation_initiation_client_data as Json;
      expect(client.dynamic_variables.company_name).toBe('Robert Bosch Krankenhaus');
      expect(client.conversation_config_override.agent.first_message).toBe(
        res.body.data.first_message,
      );
      const prompt = client.conversation_config_override.agent.prompt.prompt as string;
      expect(prompt).toContain(
        'Du bist Susi, die digitale Recruiting-Assistentin von Robert Bosch Krankenhaus.',
      );
      expect(prompt).not.toMatch(/\{\{\w+\}\}/);
      expect(prompt.length).toBe(res.body.data.prompt_length);
      expect(JSON.stringify(sent)).not.toMatch(/\bHOC\b/);
      expect(elevenlabs.rejected).toEqual([]);
    });

    it('puts every answer on the call when data_collection_results use the question ids', async () => {
      const res = await trigger({ ...bosch, to_number: '+491701230201' }).expect(200);
      const id = res.body.data.conversation_id as string;
      await postCall(transcription(id, { ...bosch })).expect(200);
      const call = await completedCall(id);
      expect(call.results.answers).toEqual(expectedAnswers);
      // The agent's own items stay apart from the answers.
      expect(call.results.callback_request).toBeNull();
      expect(call.results.candidate_open_questions).toBe('Gibt es Nachtschichten?');
    });

    it("ends a link-mode call completed with its answers after the widget conversation's webhook", async () => {
      const res = await trigger(bosch).expect(200);
      const linkId = res.body.data.conversation_id as string;
      expect(linkId).toMatch(/^link_/);
      const widgetConversation = `conv_widget${Date.now()}`;
      await postCall(
        transcription(widgetConversation, { ...bosch, conversation_reference: linkId }),
      ).expect(200);
      const call = await completedCall(linkId);
      expect(call).toMatchObject({ mode: 'link', status: 'completed' });
      expect(call.results.answers).toEqual(expectedAnswers);
      expect(call.timeline.map((e: Json) => e.status)).toEqual(['link_created', 'completed']);
      expect(call.timeline[1].detail.elevenlabs_conversation_id).toBe(widgetConversation);
      const download = new URL(call.artefacts.transcription.url as string).pathname;
      expect(download).toBe(`/calls/${widgetConversation}/artefacts/transcription`);
      const stored = await request(t.url).get(download).set(bearer).expect(200);
      expect(JSON.parse(stored.text).data.conversation_id).toBe(widgetConversation);
      // The audio webhook carries no dynamic variables: it finds the link call all the same.
      const audio = structuredClone(fixture<Json>('elevenlabs/post_call_audio.json'));
      audio.data.conversation_id = widgetConversation;
      await postCall(audio).expect(200);
      const withAudio = await eventually(async () => {
        const res = await request(t.url).get(`/calls/${linkId}`).set(bearer);
        return res.body.data.artefacts.audio ? (res.body.data as Json) : null;
      });
      expect(new URL(withAudio.artefacts.audio.url as string).pathname).toBe(
        `/calls/${widgetConversation}/artefacts/audio`,
      );
      // No orphan record under the widget's own conversation id.
      await request(t.url).get(`/calls/${widgetConversation}`).set(bearer).expect(404);
    });

    it('rebuilds the script of a package stored before templates, so its baked-in company is not heard', async () => {
      const legacy = {
        package_id: '6f1c1f55-51d5-4c8e-9d4f-3f0f6b0c2a11',
        campaign_id: '201',
        company_name: 'HOC',
        job_title: 'Pflegefachkraft (m/w/d)',
        language: 'de',
        questions: [
          {
            id: 'q1',
            text: 'Ab wann könnten Sie starten?',
            type: 'date',
            required: true,
            order: 1,
          },
        ],
        question_count: 1,
        agent: {
          name: 'Susi',
          prompt_template: 'Du bist Susi von HOC. 1. Ab wann könnten Sie starten?',
          first_message_template: 'Guten Tag {{candidate_first_name}}, hier spricht Susi von HOC.',
        },
        source_hash: 'legacy',
        created_at: '2026-11-01T00:00:00.000Z',
      } as unknown as CampaignPackage;
      await t.get(CampaignPackagesRepository).save(t.get(DatabaseService).db, legacy, 'disabled');
      const res = await trigger({
        ...bosch,
        campaign_id: '201',
        to_number: '+491701230202',
      }).expect(200);
      expect(res.body.data.first_message).toContain('von Robert Bosch Krankenhaus');
      const sent = elevenlabs.calls().at(-1)!.json as Json;
      const prompt = sent.conversation_initiation_client_data.conversation_config_override.agent
        .prompt.prompt as string;
      expect(prompt).toContain(
        '(ID q1, Pflichtfrage; Antwort: ein Datum): Ab wann könnten Sie starten?',
      );
      expect(JSON.stringify(sent)).not.toMatch(/\bHOC\b/);
    });

    it('the fake ElevenLabs refuses what the SDK schemas refuse', async () => {
      const send = (path: string, body: Json) =>
        fetch(`${elevenlabs.url}${path}`, {
          method: 'POST',
          headers: { 'xi-api-key': elevenlabs.apiKey, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const before = elevenlabs.rejected.length;
      const unknownKey = await send('/v1/convai/agents/create', {
        conversation_config: { agent: { prompt: { prompt: 'x', temperature_typo: 1 } } },
      });
      expect(unknownKey.status).toBe(422);
      const badType = await send('/v1/convai/agents/create', {
        conversation_config: {},
        platform_settings: { data_collection: { q1: { type: 'date', description: 'x' } } },
      });
      expect(badType.status).toBe(422);
      const camelCase = await send('/v1/convai/twilio/outbound-call', {
        agentId: 'a',
        agent_phone_number_id: 'p',
        to_number: '+491701234567',
      });
      expect(camelCase.status).toBe(422);
      expect(elevenlabs.rejected.slice(before).map((r) => r.errors.join(' '))).toEqual([
        expect.stringContaining('temperature_typo'),
        expect.stringContaining('data_collection.q1.type'),
        expect.stringContaining('agentId'),
      ]);
      elevenlabs.rejected.splice(before);
    });

    it('creates its own record for a reference that is not a link call', async () => {
      const orphanRef = `conv_ref${Date.now()}`;
      await postCall(
        transcription(orphanRef, { ...bosch, conversation_reference: 'link_doesnotexist' }),
      ).expect(200);
      expect((await completedCall(orphanRef)).mode).toBe('phone');
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
        message: 'Outbound call initiated successfully',
        data: {
          mode: 'link',
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
        expect(await page.locator('#intro').textContent()).toContain(
          'Susi, die digitale Recruiting-Assistentin von Tech Startup GmbH',
        );
        const widget = page.locator('elevenlabs-convai');
        // The campaign's provisioned agent, not ELEVENLABS_AGENT_ID.
        const pkg = (await request(t.url).get('/campaigns/123/package').set(bearer)).body;
        expect(await widget.getAttribute('agent-id')).toBe(pkg.agent.agent_id);
        expect(await widget.getAttribute('override-language')).toBe('de');
        expect((await widget.getAttribute('override-prompt'))?.length).toBe(
          res.body.data.prompt_length,
        );
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
