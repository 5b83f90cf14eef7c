// Bad requests, generated, beyond the bodies: random bytes in every path parameter, random query
// strings on the event log, random header values, and bodies of random depth with hostile keys
// (__proto__, constructor, prototype). Never a 5xx, a stack or a secret. Seeded (FUZZ_SEED).
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  bearerAuth,
  checkAnswer,
  FUZZ_SEED,
  type Headers,
  ROUTES,
  type Route,
} from '../support/fuzz';
import { rawRequest } from '../support/raw-http';
import { startTestApp, TEST_TOKEN, type TestApp } from '../support/test-app';

const percentEncoded = (bytes: Uint8Array) =>
  [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const urlValue = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 40 }).map(percentEncoded),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).map((s) => percentEncoded(utf8(s))),
  fc.constantFrom('%00', 'a%00b', '%FF', '%E0%A4', '%ED%A0%80', '%0D%0A', '..%2F..%2Fetc', '%25'),
  fc.integer({ min: 200, max: 3000 }).map((n) => 'x'.repeat(n)),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
);

interface OpenApiPaths {
  paths: Record<string, Record<string, unknown>>;
}
const PARAMETERISED = Object.entries(
  (JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8')) as OpenApiPaths)
    .paths,
).flatMap(([template, methods]) =>
  template.includes('{')
    ? Object.keys(methods).map((method) => ({ template, method: method.toUpperCase() }))
    : [],
);

/** Header values Node's client can send: printable Latin-1 (no CR/LF, which HTTP forbids). */
const headerValue = fc
  .string({ unit: 'binary', maxLength: 300 })
  .map((s) => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, ''));

/** A JSON text `depth` levels deep with a key from `keys` at a random level. */
const hostileBody = fc
  .tuple(
    fc.integer({ min: 1, max: 200 }),
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'a', '\\u005f_proto__'),
    fc.nat(),
  )
  .map(([depth, key, at]) => {
    const level = at % depth;
    let text = '1';
    for (let i = depth - 1; i >= 0; i--) text = `{"${i === level ? key : 'a'}":${text}}`;
    return { depth, key, level, text: `{"event_type":"fuzz","type":"INSERT","data":${text}}` };
  });

describe('fuzzing paths, query strings, headers, depth and hostile keys (e2e)', () => {
  let t: TestApp;
  const statuses = new Map<number, number>();
  let cases = 0;
  const send = async (
    method: string,
    path: string,
    headers: Headers,
    body?: Buffer,
    route: Route = { path, sign: bearerAuth, fields: [], success: [200, 202] },
  ) => {
    cases += 1;
    const res = await rawRequest(t.url, method, path, headers, body);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    checkAnswer(route, res);
    return res;
  };

  beforeAll(async () => {
    t = await startTestApp({ WEBHOOK_THROTTLE_LIMIT: '100000', BOOKING_THROTTLE_LIMIT: '100000' });
  });
  afterAll(async () => {
    await t.close();
    const histogram = [...statuses.entries()].map(([s, n]) => `${s}×${n}`).join(' ');
    process.stdout.write(`fuzz (requests): ${cases} cases (seed ${FUZZ_SEED}), ${histogram}\n`);
  });

  it('random bytes in every path parameter: 400/404 in the error shape, never 5xx', async () => {
    expect(PARAMETERISED.length).toBeGreaterThanOrEqual(6);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PARAMETERISED), urlValue, async (route, value) => {
        const path = route.template.replace(/\{\w+\}/g, value);
        const body = route.method === 'GET' ? undefined : Buffer.from('{}');
        const headers: Headers = [['Authorization', `Bearer ${TEST_TOKEN}`]];
        if (body) headers.push(['Content-Type', 'application/json']);
        await send(route.method, path, headers, body, {
          path,
          sign: bearerAuth,
          fields: [],
          // A well-formed id may name a resource, or a replay may be accepted.
          success: [200, 202],
        });
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300), seed: FUZZ_SEED },
    );
  });

  it('random query strings on the event log: never 5xx', async () => {
    const name = fc.oneof(
      fc.constantFrom('source', 'status', 'cursor', 'limit', 'include_payload', 'type', 'subject'),
      urlValue,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(name, urlValue), { minLength: 1, maxLength: 6 }),
        async (pairs) => {
          const query = pairs.map(([k, v]) => `${k}=${v}`).join('&');
          await send('GET', `/api/v1/webhooks/events?${query}`, [
            ['Authorization', `Bearer ${TEST_TOKEN}`],
          ]);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300), seed: FUZZ_SEED },
    );
  });

  it('random header values (request id, authorization, idempotency key, accept): never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          'X-Request-ID',
          'Authorization',
          'Idempotency-Key',
          'Accept',
          'X-Forwarded-For',
        ),
        headerValue,
        fc.constantFrom('/echo', '/webhook', '/api/v1/webhooks/stats', '/health/ready'),
        async (name, value, path) => {
          const body =
            path === '/echo' || path === '/webhook' ? Buffer.from('{"event_type":"h"}') : undefined;
          const headers: Headers = [['Content-Type', 'application/json']];
          if (name !== 'Authorization') headers.push(['Authorization', `Bearer ${TEST_TOKEN}`]);
          headers.push([name, value]);
          const res = await send(body ? 'POST' : 'GET', path, headers, body, {
            path,
            sign: bearerAuth,
            fields: [],
            success: [200, 503],
          });
          // The request id is echoed only when it is safe to echo.
          const echoed = res.headers['x-request-id'];
          expect(typeof echoed === 'string' && /^[A-Za-z0-9._-]{1,128}$/.test(echoed)).toBe(true);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300), seed: FUZZ_SEED },
    );
  });

  it('random depth with __proto__/constructor/prototype keys on every POST route: never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES.filter((r) => !r.path.includes('/events/'))),
        hostileBody,
        async (route, { depth, key, level, text }) => {
          const body = Buffer.from(text);
          const res = await send(
            'POST',
            route.path,
            [['Content-Type', 'application/json'], ...route.sign(body)],
            body,
            route,
          );
          const code = res.status === 400 ? String(JSON.parse(res.body.toString()).code) : '';
          // Refused on the raw bytes, whichever comes first: the key (at nesting level + 2,
          // under the envelope and `data`) or the 65th level.
          if (key !== 'a' && level + 2 <= 64) expect(code).toBe('forbidden_key');
          else if (depth + 1 > 64) expect(code).toBe('body_too_deep');
          expect(({} as Record<string, unknown>).a).toBeUndefined();
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300), seed: FUZZ_SEED },
    );
  });
});
