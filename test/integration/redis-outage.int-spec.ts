// Redis going away under sustained webhook load, with two replicas (real processes) sharing
// PostgreSQL and Redis, Redis behind a TCP proxy that resets every connection or silently drops
// every byte. What the README promises ("When a dependency fails"): no process exits; every
// authenticated webhook is answered 2xx (throttles fail open), stored once and processed once;
// readiness stays 200 and says `redis.reachable: false`; the booking per-sender limit falls back
// to each replica's own counter, so across the two a sender gets exactly 2 × the limit; when Redis
// returns, counters are shared again without a restart.
//
// Every webhook touches Redis here: WEBHOOK_THROTTLE_LIMIT is set (far above the load), so the
// provider webhooks go through the fail-open path too, not only booking's per-sender counter.
import request from 'supertest';
import { REDIS_COMMAND_TIMEOUT_MS } from '../../src/common/redis/redis.module';
import { hmacHex } from '../../tools/signing';
import { FakeSupabase } from '../../tools/fakes/supabase.fake';
import { FakeWorkflow } from '../../tools/fakes/workflow.fake';
import { startApp, type AppProcess } from '../support/app-process';
import { tally } from '../support/load';
import {
  createTempDatabase,
  processEnv,
  queryRows,
  REDIS_TEST_URL,
  type TempDatabase,
} from '../support/postgres';
import { TcpProxy } from '../support/tcp-proxy';
import { BOOKING_SECRET, eventually } from '../support/test-app';
import { phoneFor, WebhookMix, type Sent } from '../support/webhook-mix';

const BOOKING_LIMIT = 5;
/**
 * A request still unanswered after this long counts as hung. The server bounds every Redis
 * command at REDIS_COMMAND_TIMEOUT_MS (what is under test); this is 30 times that, so only a
 * request that waits on Redis without that bound can reach it.
 */
const CLIENT_TIMEOUT_MS = 30 * REDIS_COMMAND_TIMEOUT_MS;
/** Acknowledgements that must arrive while Redis is away, per outage. */
const ACKS_DURING_OUTAGE = 150;

describe('Redis outage under load, two replicas (integration)', () => {
  const run = String(process.pid % 10_000).padStart(4, '0');
  const source = new FakeSupabase();
  const workflow = new FakeWorkflow();
  let db: TempDatabase;
  let proxy: TcpProxy;
  let replicas: AppProcess[] = [];
  const exits: string[] = [];

  beforeAll(async () => {
    await Promise.all([source.start(), workflow.start()]);
    db = await createTempDatabase();
    const redis = new URL(REDIS_TEST_URL);
    proxy = await new TcpProxy(redis.hostname, Number(redis.port || 6379)).start();
    const env = processEnv(db.url, {
      REDIS_URL: `redis://127.0.0.1:${proxy.port}`,
      SUPABASE_URL: source.url,
      SUPABASE_KEY: source.apiKey,
      BOOKING_WEBHOOK_SECRET: BOOKING_SECRET,
      BOOKING_WORKFLOW_URL: workflow.endpoint,
      BOOKING_THROTTLE_LIMIT: String(BOOKING_LIMIT),
      WEBHOOK_THROTTLE_LIMIT: '1000000',
    });
    replicas = await Promise.all([startApp(0, env), startApp(0, env)]);
    replicas.forEach((app, i) =>
      app.child.once('exit', (code, signal) => exits.push(`replica ${i}: ${signal ?? code}`)),
    );
  });
  afterAll(async () => {
    await Promise.all(replicas.map((app) => app.stop()));
    await proxy?.stop();
    await Promise.all([source.stop(), workflow.stop()]);
    await db?.drop();
  });

  const readiness = (app: AppProcess) =>
    request(app.url).get('/health/ready').timeout(CLIENT_TIMEOUT_MS);
  const redisReachable = async (reachable: boolean) => {
    for (const app of replicas) {
      const res = await readiness(app);
      if (res.status !== 200 || res.body.info?.redis?.reachable !== reachable) return false;
    }
    return true;
  };

  /** Sends one signed booking message per replica in turn; answers the statuses per replica. */
  async function bookingFromOneSender(phone: string, perReplica: number): Promise<number[][]> {
    const statuses: number[][] = replicas.map(() => []);
    for (let i = 0; i < perReplica * replicas.length; i++) {
      const replica = i % replicas.length;
      const text = JSON.stringify({
        message: `limit ${i}`,
        phone,
        thread_id: `limit_${phone.slice(1)}`,
      });
      const res = await request(replicas[replica].url)
        .post('/booking/webhook')
        .timeout(CLIENT_TIMEOUT_MS)
        .set('content-type', 'application/json')
        .set('x-webhook-signature', `sha256=${hmacHex(text, BOOKING_SECRET)}`)
        .send(text);
      statuses[replica].push(res.status);
    }
    return statuses;
  }
  const limitOnce = [...Array<number>(BOOKING_LIMIT).fill(200), 429];

  it('reset, then blackhole: every webhook 2xx, stored and processed once; readiness 200 and says so; booking limit per replica; recovers without restart', async () => {
    const load = new WebhookMix(
      replicas.map((app) => app.url),
      run,
      CLIENT_TIMEOUT_MS,
    );
    load.start(8);
    const outages: string[] = [];
    try {
      await eventually(async () => load.acknowledged >= 100, 60_000, 50);
      for (const [mode, breakIt] of [
        ['reset', () => proxy.cut()],
        ['blackhole', () => proxy.blackhole()],
      ] as const) {
        const ackedBefore = load.acknowledged;
        breakIt();
        // Readiness stays 200 on both replicas and reports Redis unreachable, with the effect.
        await eventually(() => redisReachable(false), 30_000, 100);
        const ready = await readiness(replicas[0]).expect(200);
        expect(ready.body.info.redis).toMatchObject({
          status: 'up',
          reachable: false,
          effect: 'throttles fail open; the booking per-sender limit counts per replica',
        });
        // One sender, alternating replicas: each replica counts on its own, so the fleet lets
        // BOOKING_LIMIT through per replica (2 × the limit in all), then 429.
        const phone = phoneFor(run, mode === 'reset' ? 90_001 : 90_002);
        expect(await bookingFromOneSender(phone, BOOKING_LIMIT + 1)).toEqual([
          limitOnce,
          limitOnce,
        ]);
        await eventually(
          async () => load.acknowledged >= ackedBefore + ACKS_DURING_OUTAGE,
          60_000,
          50,
        );
        expect(exits).toEqual([]);
        outages.push(`${mode}: ${load.acknowledged - ackedBefore} acknowledged during the outage`);

        proxy.restore();
        await eventually(() => redisReachable(true), 30_000, 100);
        // Shared counters again, without a restart: the same sender pattern gets the limit once
        // across both replicas.
        const shared = await bookingFromOneSender(
          phoneFor(run, mode === 'reset' ? 90_003 : 90_004),
          BOOKING_LIMIT,
        );
        expect(tally(shared.flat())).toEqual({ 200: BOOKING_LIMIT, 429: BOOKING_LIMIT });
      }
      await eventually(
        async () => load.acknowledged >= 100 + 2 * ACKS_DURING_OUTAGE + 50,
        60_000,
        50,
      );
    } finally {
      await load.stop();
    }
    const sent: Sent[] = load.sent;
    const acked = sent.filter((s) => typeof s.status === 'number' && s.status < 300);
    const subjects = acked.map((s) => s.subject);

    // Everything acknowledged gets processed, by either replica, without a restart.
    const stateOf = () =>
      queryRows<{ subject: string; status: string; attempts: number; runs: string; n: string }>(
        db.url,
        // runs: attempts that completed processing (a failed attempt before any effect, e.g. a
        // database query that timed out, is a retry, not a duplicate).
        `SELECT subject, min(status) AS status, max(attempts) AS attempts, count(*) AS n,
           max((SELECT count(*) FROM jsonb_array_elements(attempt_log) a WHERE a->>'outcome' = 'processed')) AS runs
         FROM events WHERE subject = ANY($1) GROUP BY subject`,
        [subjects],
      );
    await eventually(
      async () => {
        const rows = await stateOf();
        return rows.length === subjects.length && rows.every((r) => r.status === 'processed');
      },
      120_000,
      500,
    );
    const rows = await stateOf();
    const stored = new Set(rows.map((r) => r.subject));
    const processed = rows.filter((r) => r.status === 'processed').length;
    const lost = subjects.filter((s) => !stored.has(s));
    // Duplicated: stored twice, processed twice, or handed on twice (source lookup, workflow).
    const storedTwice = rows.filter((r) => Number(r.n) > 1).map((r) => r.subject);
    const ranTwice = rows.filter((r) => Number(r.runs) > 1).map((r) => r.subject);
    const retried = rows.filter((r) => r.attempts > 1).map((r) => r.subject);
    const handoffs = tally(
      workflow
        .messages()
        .filter((message) => message.startsWith('load '))
        .map((message) => Number(message.slice('load '.length))),
    );
    const handedTwice = acked
      .filter((s) =>
        s.kind === 'supabase'
          ? source.lookups('redis_load', s.subject) !== 1
          : s.kind === 'booking' && handoffs[s.subject.split('_').pop() as string] !== 1,
      )
      .map((s) => s.subject);
    const duplicated = new Set([...storedTwice, ...ranTwice, ...handedTwice]);
    process.stdout.write(
      `redis outage, 2 replicas: ${outages.join('; ')}; sent ${sent.length} (${JSON.stringify(tally(sent.map((s) => s.status)))}), acknowledged ${acked.length}, stored ${stored.size}, processed ${processed}, lost ${lost.length}, duplicated ${duplicated.size} (stored twice ${storedTwice.length}, processed twice ${ranTwice.length}, handed on twice ${handedTwice.length}); retried after a failed attempt ${retried.length}\n`,
    );
    // No authenticated webhook refused or left unanswered: 200 (post-call, booking) or 202.
    expect(sent.filter((s) => s.status !== 200 && s.status !== 202)).toEqual([]);
    expect(acked.length).toBe(sent.length);
    expect(lost).toEqual([]);
    expect(processed).toBe(acked.length);
    if (retried.length)
      process.stdout.write(
        `attempt logs of the retried: ${JSON.stringify(await queryRows(db.url, 'SELECT subject, attempt_log FROM events WHERE subject = ANY($1)', [retried])).slice(0, 4000)}\n`,
      );
    expect([...duplicated]).toEqual([]);
    expect(exits).toEqual([]);
  });
});
