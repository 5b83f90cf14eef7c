// The erasure race of issue 25, shared by the e2e (embedded database) and integration
// (PostgreSQL) suites: post a signed transcription, erase its call as soon as the 200 arrives,
// many times; then wait until no post-call work is left and report what came back.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import request from 'supertest';
import type { DatabaseService } from '../../src/database/database.service';
import { rowsOf } from '../../src/database/query-result';
import type { PostCallProcessor } from '../../src/post-call/post-call.processor';
import { eventually } from './eventually';
import { postCallBody, signedPostCall } from './factories';
import { bearer } from './test-app';

type Json = Record<string, any>;

export interface RaceOutcome {
  erasedStatuses: number[];
  /** Jobs that started for a call before its erasure answered: the race really ran. */
  inFlightAtErasure: number;
  callsBack: string[];
  artefactsBack: number;
  mirrorsBack: string[];
}

/** A signed transcription for conversation `id`, answered 200. */
export async function postTranscription(url: string, id: string): Promise<void> {
  const body = postCallBody('post_call_transcription', id);
  body.event_timestamp = Math.floor(Date.now() / 1000);
  await signedPostCall(url, body).expect(200);
}

export async function raceErasures(options: {
  url: string;
  processor: PostCallProcessor;
  database: DatabaseService;
  payloadDir: string;
  count: number;
  lanes?: number;
}): Promise<RaceOutcome> {
  const { url, processor, database, payloadDir, count, lanes = 5 } = options;
  // Counts the processor's work in flight, and which calls it started on.
  let running = 0;
  const started = new Set<string>();
  const handle = processor.handle.bind(processor);
  processor.handle = async (event) => {
    running++;
    started.add(String((event.payload as { data: Json }).data.conversation_id));
    try {
      return await handle(event);
    } finally {
      running--;
    }
  };
  const ids = Array.from({ length: count }, (_, i) => `conv_race_${Date.now()}_${i}`);
  const erasedStatuses: number[] = [];
  let inFlightAtErasure = 0;
  const queue = [...ids];
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let id = queue.shift(); id; id = queue.shift()) {
        await postTranscription(url, id);
        const erased = await request(url).delete(`/calls/${id}`).set(bearer);
        erasedStatuses.push(erased.status);
        if (started.has(id)) inFlightAtErasure++;
      }
    }),
  );
  // No post-call job left to run: none queued, none running (twice in a row, a job may be
  // between its fetch and its handler).
  const pending = async () =>
    rowsOf<{ n: number }>(
      await database.db.execute(sql`
        SELECT count(*)::int AS n FROM pgboss.job
         WHERE name = 'post-call.process' AND state IN ('created', 'retry', 'active')`),
    )[0].n;
  let quiet = 0;
  await eventually(async () => {
    quiet = (await pending()) === 0 && running === 0 ? quiet + 1 : 0;
    return quiet >= 3;
  }, 30_000);
  const callsBack: string[] = [];
  for (const id of ids)
    if ((await request(url).get(`/calls/${id}`).set(bearer)).status !== 404) callsBack.push(id);
  const artefactsBack = rowsOf<{ n: number }>(
    await database.db.execute(sql`
      SELECT count(*)::int AS n FROM artefacts WHERE conversation_id LIKE 'conv_race_%'`),
  )[0].n;
  const mirrorsBack = ids.filter((id) => existsSync(join(payloadDir, id)));
  return { erasedStatuses, inFlightAtErasure, callsBack, artefactsBack, mirrorsBack };
}
