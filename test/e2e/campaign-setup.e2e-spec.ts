// POST /webhook/setup-campaign against fake HOC and ElevenLabs: the campaign package built from
// HOC's questionnaire, stored, cached and uploaded; concurrent set-ups; upstream failures. The
// agent it provisions: campaign-agent.e2e-spec.ts.
import request from 'supertest';
import { useCallsApp } from '../support/calls-app';
import { PACKAGE_QUESTIONS } from '../support/factories';
import { bearer, eventually, expectErrorShape } from '../support/test-app';
import { fixture } from '../../tools/signing';

describe('POST /webhook/setup-campaign (e2e)', () => {
  const s = useCallsApp();
  const { hoc, elevenlabs, setup } = s;

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
    // A campaign no other test sets up, so this is its first build whatever ran before.
    hoc.questionnaires.set('130', fixture('hoc/questionnaire.json'));
    const res = await setup({ campaign_id: '130', force_rebuild: false }).expect(200);
    expect(res.body).toEqual({
      status: 'success',
      package_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      download_url: 'http://hoc.example.test/campaigns/130/package',
      question_count: 3,
      company_name: 'Tech Startup GmbH',
      agent_id: expect.stringMatching(/^agent_fake/),
      agent: 'created',
      cached: false,
      upload: 'queued',
    });
    const upload = await eventually(async () => hoc.received('POST', '/campaigns/130/package')[0]);
    expect(upload.json).toMatchObject({
      package_id: res.body.package_id,
      campaign_id: '130',
      question_count: 3,
    });
    const pkg = (await request(s.t.url).get('/campaigns/130/package').set(bearer).expect(200)).body;
    expect(pkg).toMatchObject({
      package_id: res.body.package_id,
      campaign_id: '130',
      company_name: 'Tech Startup GmbH',
      job_title: 'Pflegefachkraft (m/w/d)',
      language: 'de',
      question_count: 3,
      questions: PACKAGE_QUESTIONS,
      agent: {
        name: 'Susi',
        first_message_template:
          'Guten Tag, hier spricht Susi, die digitale Recruiting-Assistentin von {{company_name}}. Spreche ich mit {{candidate_first_name}} {{candidate_last_name}}?',
      },
      source_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    await eventually(
      async () =>
        (await request(s.t.url).get('/campaigns/130/package').set(bearer)).body.upload_status ===
        'uploaded',
    );
  });

  it('returns the stored package as cached, and rebuilds on force_rebuild', async () => {
    const stored = await setup({ campaign_id: '123' }).expect(200);
    const fetches = hoc.questionnaireFetches('123');
    const cached = await setup({ campaign_id: 123 }).expect(200);
    expect(cached.body).toMatchObject({ cached: true, package_id: stored.body.package_id });
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
      (await request(s.t.url).get('/campaigns/999/package').set(bearer).expect(404)).body,
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
      delayMs: 5000,
      status: 200,
      body: fixture('hoc/questionnaire.json'),
    });
    // Answered at HOC_TIMEOUT_MS, not when HOC finally replies (how soon: the benchmark).
    const slow = await setup({ campaign_id: '125' }).expect(504);
    expectErrorShape(slow.body, { code: 'upstream_timeout' });
    expect(slow.body.details).toMatchObject({ upstream: 'HOC', timeout_ms: 3000 });
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
