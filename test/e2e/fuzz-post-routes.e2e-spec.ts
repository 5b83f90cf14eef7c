// Bad input, generated, on every POST route: random JSON, wrong types, huge strings, deep nesting,
// invalid UTF-8, wrong content types, random/truncated/duplicated signature headers. Every answer
// must be a documented success or a 4xx in the error shape: never a 5xx, never a stack, a secret
// or a file outside PAYLOAD_DIR. Seeded (FUZZ_SEED, printed) so a failure can be replayed.
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { FakeElevenLabs } from '../../tools/fakes/elevenlabs.fake';
import { FakeHoc } from '../../tools/fakes/hoc.fake';
import {
  bodyArb,
  checkAnswer,
  contentType,
  FUZZ_SEED,
  headersFor,
  ROUTES,
  signatureMode,
} from '../support/fuzz';
import { rawRequest } from '../support/raw-http';
import { startTestApp, type TestApp } from '../support/test-app';

describe('fuzzing every POST route (e2e)', () => {
  const hoc = new FakeHoc();
  const elevenlabs = new FakeElevenLabs();
  let t: TestApp;
  let cases = 0;
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    await Promise.all([hoc.start(), elevenlabs.start()]);
    t = await startTestApp({
      HOC_API_URL: hoc.url,
      HOC_API_KEY: hoc.apiKey,
      ELEVENLABS_API_URL: elevenlabs.url,
      ELEVENLABS_API_KEY: elevenlabs.apiKey,
      ELEVENLABS_AGENT_ID: 'agent_fuzz',
      ELEVENLABS_PHONE_NUMBER_ID: 'phnum_fuzz',
      BOOKING_WEBHOOK_SECRET: 'fuzz-booking-secret',
      WEBHOOK_THROTTLE_LIMIT: '100000',
      BOOKING_THROTTLE_LIMIT: '100000',
    });
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([hoc.stop(), elevenlabs.stop()]);
    const histogram = [...statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status}×${n}`)
      .join(' ');
    process.stdout.write(`fuzz: seed ${FUZZ_SEED}, ${cases} generated requests (${histogram})\n`);
  });

  // Every route is fuzzed before the tests look at the outcome: the route tests, the reach and
  // the files written all read the same whole run, in whatever order they run.
  const failures = new Map<string, unknown>();
  beforeAll(async () => {
    for (const route of ROUTES) {
      try {
        await fc.assert(
          fc.asyncProperty(
            bodyArb(route),
            signatureMode,
            contentType,
            fc.string({ maxLength: 80 }),
            async (body, mode, type, noise) => {
              cases += 1;
              const res = await rawRequest(
                t.url,
                'POST',
                route.path,
                headersFor(route, body, mode, type, noise),
                body,
              );
              statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
              checkAnswer(route, res);
            },
          ),
          // Same cases every run; FUZZ_SEED=<n> explores others (a failure prints its seed).
          { numRuns: Number(process.env.FUZZ_RUNS ?? 300), seed: FUZZ_SEED },
        );
      } catch (error) {
        failures.set(route.path, error);
      }
    }
  }, 600_000);

  it.each(ROUTES.map((r) => [r.path] as const))('%s never answers 5xx or leaks', (path) => {
    // fast-check's report: the counterexample and the seed to replay it.
    if (failures.has(path)) throw failures.get(path);
  });

  it('reached the handlers, not just the guards', () => {
    const reached = [200, 202, 400, 404].reduce(
      (sum, status) => sum + (statuses.get(status) ?? 0),
      0,
    );
    expect(cases).toBeGreaterThanOrEqual(ROUTES.length);
    expect(reached).toBeGreaterThan(cases / 4);
  });

  it('wrote nothing outside PAYLOAD_DIR and the database', () => {
    expect(readdirSync(t.dataDir).sort()).toEqual(expect.arrayContaining(['pglite']));
    expect(
      readdirSync(t.dataDir).filter(
        (name) => !['pglite', 'pglite.lock', 'payloads'].includes(name),
      ),
    ).toEqual([]);
  });
});
