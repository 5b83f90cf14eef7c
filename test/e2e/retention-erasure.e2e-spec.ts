// Operating the service on personal data: erasure that leaves no row or file naming the person
// (calls and booking threads, with an audit entry that names nobody), and retention pruning by
// a controlled clock.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import request from 'supertest';
import { Clock } from '../../src/common/clock/clock';
import { DatabaseService } from '../../src/database/database.service';
import { rowsOf } from '../../src/database/query-result';
import { RetentionService } from '../../src/privacy/retention.service';
import { FakeHoc } from '../../tools/fakes/hoc.fake';
import { CANDIDATE, completedCall } from '../support/call-scenario';
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
