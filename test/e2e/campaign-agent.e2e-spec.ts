// The agent a campaign's set-up provisions at ElevenLabs (data collection per question,
// evaluation, overrides), the script a call gets with the request's company, and the answers the
// post-call webhook puts on the call, in phone and link mode. Against fake HOC and ElevenLabs.
import request from 'supertest';
import { CampaignPackagesRepository } from '../../src/campaigns/campaign-packages.repository';
import type { CampaignPackage } from '../../src/campaigns/campaign-package.types';
import { DatabaseService } from '../../src/database/database.service';
import { useCallsApp } from '../support/calls-app';
import { ANSWERS, answeredTranscription, postCallBody, signedPostCall } from '../support/factories';
import { bearer, eventually, expectErrorShape } from '../support/test-app';
import { fixture } from '../../tools/signing';
import type { Json } from '../../tools/json';

describe("the campaign's agent, its script and the results (e2e)", () => {
  const s = useCallsApp();
  const { hoc, elevenlabs, setup, trigger } = s;
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
  const postCall = (body: Json) => signedPostCall(s.t.url, body);
  const transcription = answeredTranscription;
  const expectedAnswers = ANSWERS;
  const { completedCall } = s;
  /** Campaign 200's agent, provisioned before the tests (one test provisions its own). */
  let agentId: string;

  beforeAll(async () => {
    hoc.questionnaires.set('200', questionnaire);
    agentId = (await setup({ campaign_id: '200' }).expect(200)).body.agent_id;
  });

  it('setup-campaign creates the agent: a data-collection item per question, evaluation criteria, call overrides', async () => {
    // A campaign of its own: its first set-up creates the agent, whatever ran before.
    hoc.questionnaires.set('210', { ...questionnaire, campaign_id: 210 });
    const res = await setup({ campaign_id: '210' }).expect(200);
    expect(res.body).toMatchObject({ company_name: null, agent: 'created' });
    const ownAgent = res.body.agent_id as string;
    expect(ownAgent).not.toBe(agentId);
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
      description: expect.stringContaining('„Ab wann könnten Sie starten?“ (als Datum JJJJ-MM-TT'),
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
    const pkg = (await request(s.t.url).get('/campaigns/210/package').set(bearer).expect(200)).body;
    expect(pkg.agent).toMatchObject({ agent_id: ownAgent, provisioning: 'created' });

    const rebuilt = await setup({ campaign_id: '210', force_rebuild: true }).expect(200);
    expect(rebuilt.body).toMatchObject({ agent_id: ownAgent, agent: 'updated' });
    const update = elevenlabs.agentWrites().at(-1)!;
    expect([update.method, update.path]).toEqual(['PATCH', `/v1/convai/agents/${ownAgent}`]);
    expect(Object.keys((update.json as Json).platform_settings.data_collection)).toContain('q3');
    expect(elevenlabs.rejected).toEqual([]);
  });

  it('answers 502 and keeps the stored package when ElevenLabs refuses the agent', async () => {
    const before = (await request(s.t.url).get('/campaigns/200/package').set(bearer)).body;
    elevenlabs.fail(`/v1/convai/agents/${agentId}`, { status: 500, body: { detail: 'boom' } }, 1);
    expectErrorShape((await setup({ campaign_id: '200', force_rebuild: true }).expect(502)).body, {
      code: 'upstream_error',
    });
    const after = (await request(s.t.url).get('/campaigns/200/package').set(bearer)).body;
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
    const stored = await request(s.t.url).get(download).set(bearer).expect(200);
    expect(JSON.parse(stored.text).data.conversation_id).toBe(widgetConversation);
    // The audio webhook carries no dynamic variables: it finds the link call all the same.
    const audio = postCallBody('post_call_audio', widgetConversation);
    await postCall(audio).expect(200);
    const withAudio = await eventually(async () => {
      const res = await request(s.t.url).get(`/calls/${linkId}`).set(bearer);
      return res.body.data.artefacts.audio ? (res.body.data as Json) : null;
    });
    expect(new URL(withAudio.artefacts.audio.url as string).pathname).toBe(
      `/calls/${widgetConversation}/artefacts/audio`,
    );
    // No orphan record under the widget's own conversation id.
    await request(s.t.url).get(`/calls/${widgetConversation}`).set(bearer).expect(404);
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
    await s.t.get(CampaignPackagesRepository).save(s.t.get(DatabaseService).db, legacy, 'disabled');
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
