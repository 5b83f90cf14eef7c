// After a batch of erasures the database is scrubbed once: the erased tables vacuumed (no dead
// row of an erased call left in the table's pages as a live-looking tuple) and a checkpoint.
import { sql } from 'drizzle-orm';
import request from 'supertest';
import { DatabaseService } from '../../src/database/database.service';
import { rowsOf } from '../../src/database/query-result';
import { ErasureScrub } from '../../src/privacy/erasure-scrub';
import { postTranscription } from '../support/erasure-race';
import { bearer, eventually, startTestApp, type TestApp } from '../support/test-app';

describe('scrub after erasures (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const callStats = async () =>
    rowsOf<{ dead: number; vacuums: number }>(
      await t.get(DatabaseService).db.execute(sql`
        SELECT n_dead_tup::int AS dead, vacuum_count::int AS vacuums
          FROM pg_stat_user_tables WHERE relname = 'calls'`),
    )[0];

  it('a batch of three erasures is followed by one VACUUM of the erased tables and a CHECKPOINT', async () => {
    const scrub = t.get(ErasureScrub);
    const checkpoints = jest.spyOn(t.get(DatabaseService).executor, 'executeSql');
    const ids = ['conv_scrub_1', 'conv_scrub_2', 'conv_scrub_3'];
    for (const id of ids) await postTranscription(t.url, id);
    for (const id of ids)
      await eventually(
        async () => (await request(t.url).get(`/calls/${id}`).set(bearer)).status === 200,
      );
    const before = await callStats();
    for (const id of ids) await request(t.url).delete(`/calls/${id}`).set(bearer).expect(200);
    await eventually(async () => scrub.completed === 1);
    const after = await callStats();
    expect(after.vacuums).toBe(before.vacuums + 1);
    expect(after.dead).toBe(0);
    const statements = checkpoints.mock.calls.map(([text]) => text);
    expect(statements.filter((s) => s === 'VACUUM calls')).toHaveLength(1);
    expect(statements.filter((s) => s === 'CHECKPOINT')).toHaveLength(1);
  });
});
