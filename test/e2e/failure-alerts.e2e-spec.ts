// Failure alerts to a fake Slack endpoint: a dead letter, a failing source and its recovery,
// each said once per interval (de-duplicated), and a delivery the endpoint refuses retried.
import { sql } from 'drizzle-orm';
import { ALERT_DELIVER_QUEUE, AlertsService } from '../../src/alerts/alerts.service';
import { JobQueue } from '../../src/jobs/job-queue.service';
import { Clock } from '../../src/common/clock/clock';
import { DatabaseService } from '../../src/database/database.service';
import { rowsOf } from '../../src/database/query-result';
import { FakeServer } from '../../tools/fakes/fake-server';
import { FakeSupabase } from '../../tools/fakes/supabase.fake';
import { eventWithStatus, getEvent, postSupabase, supabaseInsert } from '../support/events';
import { eventually, startTestApp, type TestApp } from '../support/test-app';

type Json = Record<string, any>;

describe('failure alerts (e2e)', () => {
  const slack = new FakeServer('Slack');
  const source = new FakeSupabase();
  let t: TestApp;

  beforeAll(async () => {
    slack.on('POST', '/hooks/ops', () => ({ status: 200, body: 'ok' }));
    await Promise.all([slack.start(), source.start()]);
  });
  // Alert state (last message, pending dead letters) lives in the app's database: a fresh app per
  // test, so neither test sees the other's interval or dead letters.
  beforeEach(async () => {
    t = await startTestApp({
      SUPABASE_URL: source.url,
      SUPABASE_KEY: source.apiKey,
      SYNC_MAX_ATTEMPTS: '1',
      ALERT_WEBHOOK_URL: `${slack.url}/hooks/ops`,
      ALERT_MIN_EVENTS: '3',
      ALERT_FAILURE_RATE_PERCENT: '50',
      ALERT_INTERVAL_SECONDS: '60',
    });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await t.close();
    slack.requests.length = 0;
    source.heal();
  });
  afterAll(() => Promise.all([slack.stop(), source.stop()]));

  const MARKER = 'marker: nothing queued before this';
  const messages = () =>
    slack
      .received('POST', '/hooks/ops')
      .map((r) => (r.json as Json).text as string)
      .filter((text) => text !== MARKER);
  /**
   * Everything already decided has been delivered: a sweep queues its message in the transaction
   * that records the decision, and the delivery queue takes one job at a time in order, so once a
   * marker queued after it arrives, nothing queued before it is still to come.
   */
  const deliveredSoFar = async () => {
    const seen = slack.received('POST', '/hooks/ops').length;
    await t.get(JobQueue).send(ALERT_DELIVER_QUEUE, { text: MARKER });
    await eventually(async () =>
      slack
        .received('POST', '/hooks/ops')
        .slice(seen)
        .some((r) => (r.json as Json).text === MARKER),
    );
  };

  it('tells Slack once per interval: dead letters, a failing source, then its recovery', async () => {
    source.fail(/^\/rest\/v1\/applicants/, { status: 503, body: { message: 'down' } });
    const first = await postSupabase(t.url, supabaseInsert('applicants', { id: 1 }));
    await eventWithStatus(t, first, 'dead');
    await eventually(async () => messages().length === 1);
    expect(messages()[0]).toMatch(/1 supabase event was dead-lettered/);
    expect(messages()[0]).not.toContain(first);

    // Two more dead letters within the interval: counted, not sent.
    for (const id of [2, 3])
      await eventWithStatus(
        t,
        await postSupabase(t.url, supabaseInsert('applicants', { id })),
        'dead',
      );
    const alerts = t.get(AlertsService);
    // Both dead letters were evaluated (held back, counted) before the clock moves on.
    const db = t.get(DatabaseService).db;
    await eventually(
      async () =>
        rowsOf<{ pending_dead: number }>(
          await db.execute(sql`SELECT pending_dead FROM alert_state WHERE source = 'supabase'`),
        )[0]?.pending_dead === 2,
    );
    await alerts.sweep();
    await deliveredSoFar();
    expect(messages()).toHaveLength(1);

    // After the interval (60 s), the failures still in the 5-minute window: one message says the
    // source fails and carries the pending dead letters.
    const clock = t.get(Clock);
    jest.spyOn(clock, 'now').mockReturnValue(new Date(Date.now() + 61_000));
    await alerts.sweep();
    await eventually(async () => messages().length === 2);
    expect(messages()[1]).toMatch(/supabase\* is failing: 3 of 3 attempts/);
    expect(messages()[1]).toMatch(/2 supabase events were dead-lettered/);
    await alerts.sweep();

    // Quiet five minutes later (no failures in the window): recovered, said once.
    jest.spyOn(clock, 'now').mockReturnValue(new Date(Date.now() + 20 * 60_000));
    source.heal();
    await alerts.sweep();
    await alerts.sweep();
    await eventually(async () => messages().length === 3);
    expect(messages()[2]).toMatch(/supabase\* recovered/);
    await deliveredSoFar();
    expect(messages()).toHaveLength(3);
    jest.restoreAllMocks();
    expect(await getEvent(t.url, first)).toMatchObject({ status: 'dead' });
  });

  it('retries a delivery the endpoint refuses', async () => {
    slack.fail('/hooks/ops', { status: 500, body: 'no' }, 1);
    const before = slack.received('POST', '/hooks/ops').length;
    jest.spyOn(t.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 60 * 60_000));
    source.fail(/^\/rest\/v1\/applicants/, { status: 503, body: { message: 'down' } });
    await eventWithStatus(
      t,
      await postSupabase(t.url, supabaseInsert('applicants', { id: 9 })),
      'dead',
    );
    await eventually(async () => slack.received('POST', '/hooks/ops').length >= before + 2, 30_000);
    jest.restoreAllMocks();
  });
});
