// The app as the post-call suites run it: a PAYLOAD_DIR mirror and campaign 123's package (so
// collected answers match its question ids), with what those suites read back: the event and
// artefact counts, an artefact's bytes, the mirror file, the call once its job mapped it.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DatabaseService } from '../../src/database/database.service';
import { artefacts, campaignPackages, events } from '../../src/database/schema';
import type { Json } from '../../tools/json';
import { PACKAGE_QUESTIONS } from './factories';
import { bearer, eventually, startTestApp, type TestApp } from './test-app';

/** The first bytes of an MP3 (an ID3 tag): what the audio check looks for. */
export const MP3_HEADER = Buffer.from('SUQzBAAAAAAAAP/7kGQ', 'base64');

const PACKAGE_ID = '5f7c1d9e-8c43-4c59-9a44-0e2a4c1b7a10';

/** Starts the app before the describe's tests and stops it (and removes the mirror) after. */
export function usePostCallApp(): { readonly t: TestApp } {
  let t: TestApp | undefined;
  beforeAll(async () => {
    t = await startTestApp({ PAYLOAD_DIR: mkdtempSync(join(tmpdir(), 'hoc-mirror-')) });
    await t
      .get(DatabaseService)
      .db.insert(campaignPackages)
      .values({
        campaignId: '123',
        packageId: PACKAGE_ID,
        companyName: 'Tech Startup GmbH',
        sourceHash: 'x',
        questionCount: 2,
        content: {
          package_id: PACKAGE_ID,
          campaign_id: '123',
          company_name: 'Tech Startup GmbH',
          job_title: null,
          language: 'de',
          job_facts: [],
          question_count: 2,
          agent: {
            name: 'Lisa',
            agent_id: null,
            provisioning: 'not_configured',
            prompt_template: '',
            first_message_template: '',
            template_source: { prompt: 'built-in', first_message: 'built-in' },
          },
          source_hash: 'x',
          created_at: '2026-01-01T00:00:00.000Z',
          questions: PACKAGE_QUESTIONS.slice(0, 2),
        },
      });
  });
  afterAll(async () => {
    await t?.close();
    if (t) rmSync(t.payloadDir as string, { recursive: true, force: true });
  });
  return {
    get t() {
      if (!t) throw new Error('usePostCallApp: the app starts in beforeAll');
      return t;
    },
  };
}

export async function eventCount(t: TestApp): Promise<number> {
  return (await t.get(DatabaseService).db.select().from(events)).length;
}

export async function artefactCount(t: TestApp): Promise<number> {
  return (await t.get(DatabaseService).db.select({ id: artefacts.eventId }).from(artefacts)).length;
}

/** The artefact as `GET /calls/{id}/artefacts/{kind}` streams it from the database. */
export async function download(url: string, id: string, kind: string): Promise<Buffer> {
  const res = await request(url)
    .get(`/calls/${id}/artefacts/${kind}`)
    .set(bearer)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  return res.body as Buffer;
}

/** The mirror file once the post-call job wrote it. */
export const mirrored = (t: TestApp, path: string) =>
  eventually(
    async () =>
      existsSync(join(t.payloadDir as string, path)) &&
      readFileSync(join(t.payloadDir as string, path)),
  );

/** The call once the post-call job mapped `status` onto it. */
export const callWith = (t: TestApp, id: string, predicate: (call: Json) => boolean) =>
  eventually(async () => {
    const res = await request(t.url).get(`/calls/${id}`).set(bearer);
    return res.status === 200 && predicate(res.body.data) ? (res.body.data as Json) : undefined;
  });
