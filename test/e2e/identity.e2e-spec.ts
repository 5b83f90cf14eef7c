// Named clients with scopes (API_CLIENTS) and the audit trail (issue 25): a client is refused
// (403 insufficient_scope) what its scopes do not grant, call reads withhold recordings, and each
// audited action writes exactly one audit_log row naming the client.
import { createHash } from 'node:crypto';
import request from 'supertest';
import { FakeHoc } from '../../tools/fakes/hoc.fake';
import { completedCall } from '../support/call-scenario';
import { candidate } from '../support/factories';
import { bearer, expectErrorShape, startTestApp, type TestApp } from '../support/test-app';

type Json = Record<string, any>;
const CALLS_TOKEN = 'calls-only-token-0123456789';
const ERASER_TOKEN = 'privacy-desk-token-0123456789';
const AUDITOR_TOKEN = 'auditor-token-0123456789';
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

describe('named clients, scopes and the audit trail (e2e)', () => {
  let t: TestApp;
  const hoc = new FakeHoc();

  beforeAll(async () => {
    await hoc.start();
    t = await startTestApp({
      HOC_API_URL: hoc.url,
      HOC_API_KEY: hoc.apiKey,
      ELEVENLABS_AGENT_ID: 'agent_test_susi',
      API_CLIENTS: JSON.stringify([
        { name: 'hoc-integration', token: CALLS_TOKEN, scopes: ['calls'] },
        { name: 'privacy-desk', token_sha256: sha256(ERASER_TOKEN), scopes: ['privacy:erase'] },
        { name: 'auditor', token: AUDITOR_TOKEN, scopes: ['audit:read', 'events:replay'] },
      ]),
    });
  });
  afterAll(async () => {
    await t.close();
    await hoc.stop();
  });

  const audit = async (query: Json = {}): Promise<Json[]> =>
    (await request(t.url).get('/api/v1/audit').query(query).set(auth(AUDITOR_TOKEN)).expect(200))
      .body.data.entries;

  it('refuses a calls-only client erase, replay, recordings and audit with 403 naming the scope', async () => {
    const id = await completedCall(t.url);
    const refusals: [string, request.Test][] = [
      ['privacy:erase', request(t.url).delete(`/calls/${id}`)],
      ['events:replay', request(t.url).post('/api/v1/webhooks/events/replay').send({})],
      [
        'events:replay',
        request(t.url).post('/api/v1/webhooks/events/00000000-0000-0000-0000-000000000000/replay'),
      ],
      ['recordings', request(t.url).get(`/calls/${id}/artefacts/audio`)],
      ['audit:read', request(t.url).get('/api/v1/audit')],
    ];
    for (const [scope, req] of refusals) {
      const res = await req.set(auth(CALLS_TOKEN)).expect(403);
      expectErrorShape(res.body);
      expect(res.body).toMatchObject({ code: 'insufficient_scope' });
      expect(res.body.message).toContain(scope);
    }
    // The call read itself is allowed, without transcript or audio links.
    const call = await request(t.url).get(`/calls/${id}`).set(auth(CALLS_TOKEN)).expect(200);
    expect(call.body.data.artefacts).toEqual({});
    expect(call.body.data.withheld).toEqual(['transcript', 'artefacts']);
    expect(call.body.data.results?.transcript).toBeUndefined();
    // Refusals changed nothing, so they left no audit row.
    expect(await audit({ actor: 'hoc-integration', action: 'erase' })).toEqual([]);
  });

  it('lets a privacy:erase client erase, with exactly one audit row naming it and the hashed id', async () => {
    const id = await completedCall(t.url);
    await request(t.url).delete(`/calls/${id}`).set(auth(ERASER_TOKEN)).expect(200);
    const rows = await audit({ action: 'erase' });
    expect(rows).toEqual([
      expect.objectContaining({
        actor: 'privacy-desk',
        actor_kind: 'client',
        target_kind: 'call',
        target: sha256(id),
        outcome: 'success',
        request_id: expect.any(String),
        source_ip: expect.any(String),
      }),
    ]);
    expect(JSON.stringify(rows)).not.toContain(id);
  });

  it('writes exactly one row per audited action: trigger-call, replay, bulk replay, failures', async () => {
    const before = (await audit()).length;
    const id = await completedCall(t.url); // one trigger-call (post-call webhooks are not audited)
    const bulk = await request(t.url)
      .post('/api/v1/webhooks/events/replay')
      .set(auth(AUDITOR_TOKEN))
      .send({ status: 'dead', limit: 5 })
      .expect(202);
    await request(t.url)
      .post('/api/v1/webhooks/events/00000000-0000-0000-0000-000000000000/replay')
      .set(auth(AUDITOR_TOKEN))
      .expect(404);
    const rows = await audit();
    expect(rows.length - before).toBe(3);
    const [replay, bulkRow, trigger] = rows;
    expect(trigger).toMatchObject({
      action: 'trigger_call',
      actor: 'token-1', // completedCall uses API_TOKENS' token: a client with every scope
      target_kind: 'call',
      target: sha256(id),
    });
    expect(bulkRow).toMatchObject({
      action: 'bulk_replay',
      actor: 'auditor',
      details: { filter: { status: 'dead', limit: 5 }, count: bulk.body.queued },
    });
    expect(replay).toMatchObject({
      action: 'replay',
      outcome: 'failure',
      target_kind: 'event',
      details: { status: 404 },
    });
  });

  it('pages the trail newest first and says who the caller is', async () => {
    // Two audited actions of its own (trigger-calls in link mode), so there are two pages.
    for (const name of ['Erste', 'Zweite'])
      await request(t.url)
        .post('/webhook/trigger-call')
        .set(bearer)
        .send(candidate({ candidate_last_name: name }))
        .expect(200);
    const first = await request(t.url)
      .get('/api/v1/audit')
      .query({ limit: 1 })
      .set(auth(AUDITOR_TOKEN))
      .expect(200);
    expect(first.body.data.entries).toHaveLength(1);
    const next = await request(t.url)
      .get('/api/v1/audit')
      .query({ limit: 1, before: first.body.data.next_before })
      .set(auth(AUDITOR_TOKEN))
      .expect(200);
    expect(next.body.data.entries[0].id).toBeLessThan(first.body.data.entries[0].id);
    const me = await request(t.url).get('/api/v1/me').set(auth(CALLS_TOKEN)).expect(200);
    expect(me.body.data).toEqual({
      kind: 'client',
      name: 'hoc-integration',
      via: 'bearer',
      scopes: ['calls'],
    });
  });
});
