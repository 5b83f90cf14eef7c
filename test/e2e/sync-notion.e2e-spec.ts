// Notion webhooks without API credentials: the unsigned verification handshake (shown to the
// operator, never trusted as a key), signed events deduplicated on their id and kept newest-first
// when they arrive out of order, and the sync envelope with source notion.
import request from 'supertest';
import {
  bearer,
  expectErrorShape,
  NOTION_TOKEN,
  startTestApp,
  SYNC_SECRET,
  type TestApp,
} from '../support/test-app';
import { notion, processed, record } from '../support/sync';
import { fixture, hmacHex } from '../../tools/signing';
import type { Json } from '../../tools/json';

describe('Notion verification handshakes (e2e)', () => {
  // The handshakes an app has seen are what these tests read: a fresh app for each.
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.close());
  const handshake = fixture<Json>('notion/verification.json');

  it('takes the unsigned handshake, shows it to the operator and never trusts it as a key', async () => {
    const res = await request(t.url).post('/api/v1/webhooks/notion').send(handshake).expect(200);
    expect(res.body).toEqual({
      status: 'success',
      message: 'Verification token received; configure it as NOTION_VERIFICATION_TOKEN',
    });
    const shown = await request(t.url)
      .get('/api/v1/webhooks/notion/verification')
      .set(bearer)
      .expect(200);
    expect(shown.body).toEqual({
      verification_token: handshake.verification_token,
      received_at: expect.any(String),
      configured: false,
      handshakes: [
        {
          verification_token: handshake.verification_token,
          first_received_at: expect.any(String),
          last_received_at: expect.any(String),
          count: 1,
          source_addresses: ['127.0.0.1'],
          configured: false,
        },
      ],
      warning: null,
    });
    await request(t.url).get('/api/v1/webhooks/notion/verification').expect(401);
    // Signed with the posted (unconfigured) token: refused.
    const forged = await notion(
      t,
      fixture('notion/page_created.json'),
      handshake.verification_token,
    ).expect(401);
    expectErrorShape(forged.body, { code: 'invalid_signature' });
  });

  it('keeps every handshake: a forged one neither replaces the real one nor the configured token', async () => {
    const configured = { verification_token: NOTION_TOKEN };
    await request(t.url).post('/api/v1/webhooks/notion').send(handshake).expect(200);
    await request(t.url).post('/api/v1/webhooks/notion').send(configured).expect(200);
    await request(t.url)
      .post('/api/v1/webhooks/notion')
      .set('X-Forwarded-For', '10.9.8.7')
      .send({ verification_token: 'secret_attacker' })
      .expect(200);
    await request(t.url).post('/api/v1/webhooks/notion').send(configured).expect(200);
    const shown = await request(t.url)
      .get('/api/v1/webhooks/notion/verification')
      .set(bearer)
      .expect(200);
    // The configured token is what the top-level fields show, however many others arrived.
    expect(shown.body).toMatchObject({
      verification_token: NOTION_TOKEN,
      configured: true,
      warning: expect.stringContaining('different tokens'),
    });
    const byToken = new Map(
      (shown.body.handshakes as { verification_token: string }[]).map((h) => [
        h.verification_token,
        h,
      ]),
    );
    expect(byToken.get(NOTION_TOKEN)).toMatchObject({ count: 2, configured: true });
    expect(byToken.get('secret_attacker')).toMatchObject({
      count: 1,
      configured: false,
      source_addresses: ['10.9.8.7'],
    });
    expect(byToken.get(handshake.verification_token as string)).toMatchObject({ count: 1 });
    expect(shown.body.handshakes[0].verification_token).toBe(NOTION_TOKEN);
    // The attacker's token still signs nothing.
    await notion(t, fixture('notion/page_created.json'), 'secret_attacker').expect(401);
  });
});

describe('Notion sync webhooks (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('refuses an unsigned event', async () => {
    const res = await request(t.url)
      .post('/api/v1/webhooks/notion')
      .send(fixture('notion/page_created.json'))
      .expect(401);
    expectErrorShape(res.body, { code: 'missing_signature' });
  });

  it('accepts signed events, dedups on the event id and keeps the newest state when they arrive out of order', async () => {
    const deleted = await notion(t, fixture('notion/page_deleted.json')).expect(202);
    expect(deleted.body.details).toMatchObject({
      source: 'notion',
      event_type: 'delete',
      table_name: 'page',
      record_id: '153104cd-477e-809d-8dc4-ff2d96ae3090',
    });
    await processed(t, deleted.body.details.event_id);
    const updated = await notion(t, fixture('notion/page_properties_updated.json')).expect(202);
    const created = await notion(t, fixture('notion/page_created.json')).expect(202);
    expect((await processed(t, updated.body.details.event_id)).outcome.action).toBe(
      'skipped_stale',
    );
    expect((await processed(t, created.body.details.event_id)).outcome.action).toBe(
      'skipped_stale',
    );
    const again = await notion(t, {
      ...fixture<Json>('notion/page_created.json'),
      attempt_number: 2,
    }).expect(202);
    expect(again.body.details).toMatchObject({
      event_id: created.body.details.event_id,
      duplicate: true,
    });
    const copy = (await record(t, 'notion/page/153104cd-477e-809d-8dc4-ff2d96ae3090').expect(200))
      .body;
    expect(copy).toMatchObject({ deleted: true, source_updated_at: '2026-11-20T10:10:00.000Z' });
  });

  it('accepts the envelope with source notion', async () => {
    const text = JSON.stringify({
      event_type: 'update',
      source: 'notion',
      table_name: 'page',
      record_id: 'abc-1',
      data: { title: 'x' },
      timestamp: '2026-11-20T10:00:00Z',
    });
    const res = await request(t.url)
      .post('/api/v1/webhooks/notion')
      .set('Content-Type', 'application/json')
      .set('X-Webhook-Signature', hmacHex(text, SYNC_SECRET))
      .send(text)
      .expect(202);
    expect(res.body.details).toMatchObject({
      source: 'notion',
      event_type: 'update',
      record_id: 'abc-1',
    });
  });
});
