// Named statements keep their plan per connection. The ingest statement is named, and a fresh
// database plans it while `events` is nearly empty; PostgreSQL replans only after autoanalyze (a
// minute or more away, never on the embedded database). A part of it that joined the batch's keys
// against `events` was planned as a sequential scan then, and kept reading the whole table on
// every batch as the table grew. This drives the real statement on one connection, the way a pool
// connection runs it from the first request on, and counts the rows it reads from `events`.
import { Client } from 'pg';
import { startApp } from '../support/app-process';
import { createTempDatabase, processEnv, type TempDatabase } from '../support/postgres';
import { writeInOneStatement } from '../../src/events/ingest-statement';
import type { RecordEventInput } from '../../src/events/event.types';

const FILLER_ROWS = 20_000;

describe('the ingest statement on a database that starts empty (integration)', () => {
  let db: TempDatabase;
  let client: Client;

  beforeAll(async () => {
    db = await createTempDatabase();
    // The app migrates the database (events, pg-boss's schema), then leaves it to this test.
    const app = await startApp(0, processEnv(db.url));
    await app.stop();
    client = new Client({ connectionString: db.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  const executor = {
    executeSql: async (text: string, values?: unknown[], name?: string) =>
      client.query(name ? { name, text, values } : { text, values }),
  };
  const noTableQueues = { has: () => false };
  let next = 0;
  const batch = (size: number): RecordEventInput[] =>
    Array.from({ length: size }, () => {
      next += 1;
      return {
        source: 'supabase',
        type: 'INSERT',
        dedupKey: `plan-test-${next}`,
        payload: { record: { id: next } },
        subject: `interviews:${next}`,
      };
    });

  /** Rows read from `events` by sequential scans, this connection's own counts flushed first. */
  const rowsScanned = async (): Promise<number> => {
    await client.query('SELECT pg_stat_force_next_flush()');
    // Flushed at the end of the next transaction; the snapshot is per transaction.
    await client.query('SELECT 1');
    await client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await client.query<{ n: string }>(
      `SELECT seq_tup_read AS n FROM pg_stat_user_tables WHERE relname = 'events'`,
    );
    return Number(rows[0].n);
  };

  it('reads no more of events as the table grows than when it was empty', async () => {
    // Past PostgreSQL's five custom plans, while the table is small: the cached plan is made here.
    for (let i = 0; i < 8; i += 1) await writeInOneStatement(executor, batch(5), noTableQueues);
    await client.query(
      `INSERT INTO events (source, type, dedup_key, payload)
       SELECT 'filler', 'x', 'filler-' || n, '{}'::jsonb FROM generate_series(1, $1::int) AS n`,
      [FILLER_ROWS],
    );
    const before = await rowsScanned();
    const redelivered = batch(5);
    for (let i = 0; i < 5; i += 1) await writeInOneStatement(executor, batch(5), noTableQueues);
    await writeInOneStatement(executor, redelivered, noTableQueues);
    const again = await writeInOneStatement(executor, [...redelivered, ...batch(2)], noTableQueues);

    expect(again.map((e) => e.duplicate)).toEqual([true, true, true, true, true, false, false]);
    // Seven batches that each scanned the table would have read over 140,000 rows.
    expect((await rowsScanned()) - before).toBeLessThan(FILLER_ROWS);
  });
});
