// The platform on real PostgreSQL and Redis: migrations apply, a job runs through pg-boss, and
// the throttle limit holds across two app instances that share Redis.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { JobQueue } from '../../src/jobs/job-queue.service';
import { createTempDatabase, REDIS_TEST_URL, type TempDatabase } from '../support/postgres';
import { eventually, startTestApp, TEST_TOKEN, type TestApp } from '../support/test-app';

describe('platform on PostgreSQL + Redis (integration)', () => {
  let db: TempDatabase;
  let a: TestApp;
  let b: TestApp;
  const runToken = `run-${randomUUID()}`;

  beforeAll(async () => {
    db = await createTempDatabase();
    const env = {
      // A token of this run: the limit is per token, and counters stay in Redis for a minute.
      API_TOKENS: `${TEST_TOKEN},${runToken}`,
      DATABASE_URL: db.url,
      REDIS_URL: REDIS_TEST_URL,
      THROTTLE_LIMIT: '5',
      THROTTLE_TTL_SECONDS: '60',
    };
    // Started together: the migration lock must keep the two from racing.
    [a, b] = await Promise.all([startTestApp(env), startTestApp(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await db?.drop();
  });

  it('applied the migrations to PostgreSQL', async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const tables = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining([
          'booking_messages',
          'booking_threads',
          'calls',
          'campaign_packages',
          'events',
          'idempotency_keys',
          'settings',
          'sync_records',
        ]),
      );
      const jobSchema = await client.query(
        "SELECT 1 FROM information_schema.schemata WHERE schema_name = 'pgboss'",
      );
      expect(jobSchema.rowCount).toBe(1);
    } finally {
      await client.end();
    }
  });

  it('reports PostgreSQL and Redis in readiness', async () => {
    const res = await request(a.url).get('/health/ready').expect(200);
    expect(res.body.info).toMatchObject({
      database: { status: 'up', driver: 'postgres' },
      redis: { status: 'up' },
      jobs: { status: 'up' },
    });
  });

  it('runs a job through pg-boss on PostgreSQL', async () => {
    const queue = `it_probe_${randomUUID().slice(0, 8)}`;
    const seen: unknown[] = [];
    const jobs = a.get(JobQueue);
    await jobs.register<{ n: number }>(
      { name: queue, retryLimit: 1, retryDelaySeconds: 1 },
      async (job) => {
        seen.push(job.data.n);
      },
    );
    await jobs.send(queue, { n: 42 });
    await eventually(async () => seen.length === 1);
    expect(seen).toEqual([42]);
  });

  it('holds the per-token throttle limit across two instances sharing Redis', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const target = i % 2 === 0 ? a : b;
      // Each request from another address: the limit follows the token, not the client.
      const res = await request(target.url)
        .post('/echo')
        .set({ Authorization: `Bearer ${runToken}` })
        .set('X-Forwarded-For', `198.51.100.${i + 1}`)
        .send({ event_type: 'throttle' });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });
});
