// Operating the service: retention pruning with a controlled clock, erasure that leaves no row
// or file naming the person, and failure alerts to a fake Slack endpoint with de-duplication.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import request from 'supertest';
import { ALERT_DELIVER_QUEUE, AlertsService } from '../../src/alerts/alerts.service';
import { JobQueue } from '../../src/jobs/job-queue.service';
import { Clock } from '../../src/common/clock/clock';
import { DatabaseService } from '../../src/database/database.service';
import { rowsOf } from '../../src/database/query-result';
import { RetentionService } from '../../src/privacy/retention.service';
import { FakeHoc } from '../../tools/fakes/hoc.fake';
import { FakeServer } from '../../tools/fakes/fake-server';
import { FakeSupabase } from '../../tools/fakes/supabase.fake';
import { CANDIDATE, completedCall } from '../support/call-scenario';
import { eventWithStatus, getEvent, postSupabase, supabaseInsert } from '../support/events';
import {
  bearer,
  eventually,
  expectErrorShape,
  startTestApp,
  type TestApp,
} from '../support/test-app';

type Json = Record<string, any>;
const DAY = 86_400_000;

/** Every table of the database (ours and pg-boss's) whose rows mention `needle`. */
async function rowsNaming(t: TestApp, needle: string): Promise<string[]> {
  const db = t.get(DatabaseService).db;
  const tables = rowsOf<{ schema: string; name: string }>(
    await db.execute(sql`
      SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
       WHERE table_schema IN ('public', 'pgboss') AND table_type = 'BASE TABLE'`),
  );
  const hits: string[] = [];
  for (const { schema, name } of tables) {
    const found = rowsOf<{ n: number }>(
      await db.execute(
        sql.raw(
          `SELECT count(*)::int AS n FROM "${schema}"."${name}" t WHERE strpos(t::text, '${needle.replace(/'/g, "''")}') > 0`,
        ),
      ),
    );
    if (found[0].n > 0) hits.push(`${schema}.${name}`);
  }
  return hits;
}

/** Files under `dir` whose path or content mentions `needle`. */
function filesNaming(dir: string, needle: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return filesNaming(path, needle);
    return path.includes(needle) || readFileSync(path).includes(needle) ? [path] : [];
  });
}

describe('retention and erasure (e2e)', () => {
  const hoc = new FakeHoc();
  let t: TestApp;
  const mirror = () => t.payloadDir as string;
  /** The mirror is written by a job after the acknowledgement. */
  const mirrored = (id: string) =>
    eventually(async () =>
      ['transcription.json', 'audio.mp3'].every((kind) =>
        existsSync(join(mirror(), id, `${id}_${kind}`)),
      ),
    );

  beforeAll(async () => {
    await hoc.start();
    t = await startTestApp({
      HOC_API_URL: hoc.url,
      HOC_API_KEY: hoc.apiKey,
      ELEVENLABS_AGENT_ID: 'agent_test_susi',
      RETENTION_DAYS: '30',
      PAYLOAD_DIR: mkdtempSync(join(tmpdir(), 'hoc-mirror-')),
    });
  });
  afterAll(async () => {
    await t.close();
    rmSync(mirror(), { recursive: true, force: true });
    await hoc.stop();
  });

  it('erases a call: no row of any table and no file names the person afterwards', async () => {
    const id = await completedCall(t.url);
    const other = await completedCall(t.url, {
      ...CANDIDATE,
      candidate_first_name: 'Otto',
      candidate_last_name: 'Keller',
    });
    expect(await rowsNaming(t, id)).toEqual(
      expect.arrayContaining(['public.calls', 'public.events']),
    );
    await mirrored(id);

    const res = await request(t.url).delete(`/calls/${id}`).set(bearer).expect(200);
    expect(res.body).toMatchObject({
      status: 'success',
      data: {
        kind: 'call',
        removed: {
          calls: 1,
          artefacts: 2,
          events: 2,
          idempotency_keys: 1,
          mirror_folders: 1,
        },
      },
    });
    for (const needle of [id, CANDIDATE.candidate_last_name, CANDIDATE.candidate_first_name]) {
      expect(await rowsNaming(t, needle)).toEqual([]);
      expect(filesNaming(mirror(), needle)).toEqual([]);
    }
    await request(t.url).get(`/calls/${id}`).set(bearer).expect(404);
    const again = await request(t.url).delete(`/calls/${id}`).set(bearer).expect(404);
    expectErrorShape(again.body);
    await request(t.url).delete(`/calls/${other}`).expect(401);

    // The other candidate is untouched; the audit entry holds no personal data.
    await request(t.url).get(`/calls/${other}`).set(bearer).expect(200);
    const audit = rowsOf<Json>(
      await t
        .get(DatabaseService)
        .db.execute(
          sql`SELECT * FROM audit_log WHERE action = 'erase' AND subject_digest = ${res.body.data.subject_digest} ORDER BY id`,
        ),
    );
    // The erasure and the repeated (404) one; the trigger-calls have rows of their own.
    expect(audit).toEqual([
      expect.objectContaining({
        subject_kind: 'call',
        subject_digest: res.body.data.subject_digest,
        actor: 'token-1',
        outcome: 'success',
      }),
      expect.objectContaining({
        subject_digest: res.body.data.subject_digest,
        outcome: 'failure',
        details: { status: 404 },
      }),
    ]);
    expect(JSON.stringify(audit)).not.toMatch(new RegExp(`${id}|Wilhelmine|Quenstedt`));
  });

  it('erases a booking thread with its messages and events', async () => {
    const thread = 'thread_erase_me_1';
    const phone = '+491709998877';
    for (const message of ['Hallo, Termin bitte', 'Morgen 10 Uhr?'])
      await request(t.url)
        .post('/booking/webhook')
        .send({ message, phone, thread_id: thread })
        .expect(200);
    await request(t.url).get(`/booking/threads/${thread}`).set(bearer).expect(200);
    const res = await request(t.url).delete(`/booking/threads/${thread}`).set(bearer).expect(200);
    expect(res.body.data).toMatchObject({
      kind: 'booking_thread',
      removed: { booking_messages: 2, booking_threads: 1, events: 2 },
    });
    await request(t.url).get(`/booking/threads/${thread}`).set(bearer).expect(404);
    expect(await rowsNaming(t, thread)).toEqual([]);
    expect(await rowsNaming(t, phone)).toEqual([]);
  });

  it('prunes finished events and mirror files older than RETENTION_DAYS, by the clock', async () => {
    // Candidates of their own: the erasure test looks for rows naming CANDIDATE.
    const kept = await completedCall(t.url, {
      ...CANDIDATE,
      candidate_first_name: 'Rita',
      candidate_last_name: 'Retained',
    });
    const other = await completedCall(t.url, {
      ...CANDIDATE,
      candidate_first_name: 'Paula',
      candidate_last_name: 'Pruned',
    });
    await Promise.all([mirrored(kept), mirrored(other)]);
    const retention = t.get(RetentionService);
    const db = t.get(DatabaseService).db;
    const countEvents = async () =>
      rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM events`))[0].n;
    const countArtefacts = async () =>
      rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM artefacts`))[0].n;
    const before = await countEvents();
    expect(before).toBeGreaterThan(0);
    // Both calls' two, and whatever other tests of this app left.
    const artefactsBefore = await countArtefacts();
    expect(artefactsBefore).toBeGreaterThanOrEqual(4);

    const clock = t.get(Clock);
    const now = Date.now();
    jest.spyOn(clock, 'now').mockReturnValue(new Date(now + 29 * DAY));
    expect(await retention.prune()).toMatchObject({ events: 0, artefacts: 0, files: 0 });
    expect(await countEvents()).toBe(before);
    expect(filesNaming(mirror(), kept).length).toBeGreaterThan(0);

    jest.spyOn(clock, 'now').mockReturnValue(new Date(now + 31 * DAY));
    const pruned = await retention.prune();
    expect(pruned.events).toBe(before);
    expect(pruned.files).toBeGreaterThan(0);
    expect(await countEvents()).toBe(0);
    expect(filesNaming(mirror(), kept)).toEqual([]);
    expect(pruned.artefacts).toBe(artefactsBefore);
    expect(await countArtefacts()).toBe(0);
    const call = await request(t.url).get(`/calls/${kept}`).set(bearer).expect(200);
    expect(call.body.data.artefacts).toEqual({});
    await request(t.url).get(`/calls/${kept}/artefacts/audio`).set(bearer).expect(404);
    jest.restoreAllMocks();
  });
});

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
