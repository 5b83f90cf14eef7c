// POST /webhook/trigger-call in phone mode against fake HOC and ElevenLabs: the missing-field and
// auth answers, the exact ElevenLabs request, upstream failures and idempotent retries. Link mode
// and the talk page: talk-link.browser-spec.ts; the settings that change how it dials:
// test/medium/trigger-call-settings.medium-spec.ts.
import request from 'supertest';
import { useCallsApp } from '../support/calls-app';
import { candidate as candidateWith } from '../support/factories';
import { bearer, expectErrorShape } from '../support/test-app';
import { fixture } from '../../tools/signing';
import type { Json } from '../../tools/json';

describe('POST /webhook/trigger-call (e2e)', () => {
  const s = useCallsApp();
  const { elevenlabs, setup, trigger } = s;
  const candidate = candidateWith();

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
    const res = await request(s.t.url).post('/webhook/trigger-call').send(candidate).expect(401);
    expect(res.body).toMatchObject({
      error: 'Missing Authorization header',
      message: 'Please provide Authorization: Bearer {API_KEY}',
    });
  });

  it('rejects a number that is not E.164', async () => {
    const before = elevenlabs.calls().length;
    const res = await trigger({ ...candidate, to_number: '0170 1234567' }).expect(400);
    expectErrorShape(res.body, { code: 'validation_failed' });
    expect(Object.keys(res.body.details.fields)).toEqual(['to_number']);
    expect(elevenlabs.calls()).toHaveLength(before);
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
    expect(prompt.indexOf('Frage 1 (ID q1, Pflichtfrage; Antwort: frei): Wie viele')).toBeLessThan(
      prompt.indexOf('Frage 2 (ID q2, Pflichtfrage; Antwort: ein Datum): Ab wann'),
    );
    expect(elevenlabs.rejected).toEqual([]);
    const call = (
      await request(s.t.url).get(`/calls/${res.body.data.conversation_id}`).set(bearer).expect(200)
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
    elevenlabs.fail('/v1/convai/twilio/outbound-call', { delayMs: 5000, status: 200, body: {} });
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
