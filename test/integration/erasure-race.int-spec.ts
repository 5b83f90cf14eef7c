// Erasure is final on PostgreSQL too: the erasure and the post-call writers take the same
// per-subject advisory lock on a real server with concurrent connections (the embedded database
// runs one statement at a time, so the e2e variant cannot interleave them the same way).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseService } from '../../src/database/database.service';
import { PostCallProcessor } from '../../src/post-call/post-call.processor';
import { raceErasures } from '../support/erasure-race';
import { createTempDatabase, type TempDatabase } from '../support/postgres';
import { startTestApp, type TestApp } from '../support/test-app';

describe('erasure racing post-call processing on PostgreSQL (integration)', () => {
  const payloadDir = mkdtempSync(join(tmpdir(), 'hoc-erasure-race-pg-'));
  let db: TempDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await createTempDatabase();
    t = await startTestApp({ DATABASE_URL: db.url, PAYLOAD_DIR: payloadDir });
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
    rmSync(payloadDir, { recursive: true, force: true });
  });

  it('100 erasures sent right after the 200: no call, artefact or mirror file comes back', async () => {
    const outcome = await raceErasures({
      url: t.url,
      processor: t.get(PostCallProcessor),
      database: t.get(DatabaseService),
      payloadDir,
      count: 100,
      lanes: 10,
    });
    if (process.env.RACE_LOG)
      console.log(JSON.stringify({ ...outcome, erasedStatuses: undefined }));
    expect(outcome.erasedStatuses.every((s) => s === 200)).toBe(true);
    expect(outcome.callsBack).toEqual([]);
    expect(outcome.artefactsBack).toBe(0);
    expect(outcome.mirrorsBack).toEqual([]);
  }, 120_000);
});
