// After a batch of erasures the database is scrubbed once: the small person tables rewritten,
// the large ones vacuumed, a checkpoint; and no table or
// index file of the calls table names an erased call any more.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { sql } from 'drizzle-orm';
import request from 'supertest';
import { DatabaseService } from '../../src/database/database.service';
import { rowsOf } from '../../src/database/query-result';
import { ErasureScrub } from '../../src/privacy/erasure-scrub';
import { postTranscription } from '../support/erasure-race';
import { bearer, eventually, startTestApp, type TestApp } from '../support/test-app';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    const stat = statSync(path);
    return stat.isDirectory() ? filesUnder(path) : stat.isFile() ? [path] : [];
  });
}

describe('scrub after erasures (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('a batch of three erasures is followed by one VACUUM of the erased tables and a CHECKPOINT', async () => {
    const scrub = t.get(ErasureScrub);
    const checkpoints = jest.spyOn(t.get(DatabaseService).executor, 'executeSql');
    const ids = ['conv_scrub_1', 'conv_scrub_2', 'conv_scrub_3'];
    for (const id of ids) await postTranscription(t.url, id);
    for (const id of ids)
      await eventually(
        async () => (await request(t.url).get(`/calls/${id}`).set(bearer)).status === 200,
      );
    for (const id of ids) await request(t.url).delete(`/calls/${id}`).set(bearer).expect(200);
    await eventually(async () => scrub.completed === 1);
    // The calls table and its primary key were rewritten: no file of theirs names an erased call.
    const nodes = rowsOf<{ node: string }>(
      await t.get(DatabaseService).db.execute(sql`
        SELECT pg_relation_filenode(c)::text AS node FROM unnest(ARRAY['calls', 'calls_pkey']::regclass[]) AS c`),
    ).map((r) => r.node);
    const files = filesUnder(t.dataDir).filter((f) => nodes.includes(basename(f).split('.')[0]));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files)
      for (const id of ids) expect(readFileSync(file).includes(id)).toBe(false);
    const statements = checkpoints.mock.calls.map(([text]) => text);
    expect(statements.filter((s) => s === 'VACUUM FULL calls')).toHaveLength(1);
    expect(statements.filter((s) => s === 'VACUUM events')).toHaveLength(1);
    expect(statements.filter((s) => s === 'CHECKPOINT')).toHaveLength(1);
  });
});
