// Bad input, generated: every POST route gets random JSON, wrong types, huge strings, deep
// nesting, invalid UTF-8, wrong content types, random/truncated/duplicated signature headers;
// every parameterised route gets random bytes in its path parameters, the event log random
// query strings, every route random header values, and bodies random depth and hostile keys
// (__proto__, constructor, prototype). Every answer must be a documented success or a 4xx in
// the error shape: never a 5xx, never a stack, a secret or a file outside PAYLOAD_DIR.
// Seeded (FUZZ_SEED, printed) so a failure can be replayed.
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeElevenLabs } from '../../tools/fakes/elevenlabs.fake';
import { FakeHoc } from '../../tools/fakes/hoc.fake';
import { INTERNALS } from '../support/leaks';
import { rawRequest, type RawResponse } from '../support/raw-http';
import { elevenLabsSignature, fixture, hmacHex, notionSignature } from '../../tools/signing';
import {
  ELEVENLABS_SECRET,
  LINK_SECRET,
  NOTION_TOKEN,
  startTestApp,
  SYNC_SECRET,
  TEST_TOKEN,
  type TestApp,
} from '../support/test-app';

type Headers = [string, string][];
type Signer = (body: Buffer) => Headers;

interface Route {
  path: string;
  sign: Signer;
  /** Fields the route reads, to aim wrong types at them. */
  fields: string[];
  success: number[];
  /** A valid body, mutated field by field to reach the deeper code paths. */
  example?: Record<string, unknown>;
}

/** fast-check's seed: fixed, so a run is reproducible; FUZZ_SEED varies it. */
const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261123);

const ex = (path: string) => fixture<Record<string, unknown>>(path);
const bearerAuth: Signer = () => [['Authorization', `Bearer ${TEST_TOKEN}`]];
const ROUTES: Route[] = [
  {
    path: '/webhook',
    sign: bearerAuth,
    fields: ['event_type', 'data', 'timestamp', 'user_id'],
    success: [200],
    example: ex('seed/generic_event.json'),
  },
  {
    path: '/echo',
    sign: bearerAuth,
    fields: ['event_type', 'data'],
    success: [200],
    example: ex('seed/generic_event.json'),
  },
  {
    path: '/webhook/setup-campaign',
    sign: bearerAuth,
    fields: ['campaign_id', 'force_rebuild'],
    success: [200],
    example: ex('seed/setup_campaign.json'),
  },
  {
    path: '/webhook/trigger-call',
    sign: bearerAuth,
    fields: [
      'campaign_id',
      'company_name',
      'candidate_first_name',
      'candidate_last_name',
      'to_number',
      'agent_phone_number_id',
    ],
    success: [200],
    example: ex('seed/trigger_call.json'),
  },
  {
    path: '/webhook/post-call',
    sign: (b) => [['ElevenLabs-Signature', elevenLabsSignature(b, ELEVENLABS_SECRET)]],
    fields: ['type', 'event_timestamp', 'data'],
    success: [200],
    example: ex('elevenlabs/post_call_transcription.json'),
  },
  {
    path: '/api/v1/webhooks/supabase',
    sign: () => [['X-Webhook-Secret', SYNC_SECRET]],
    fields: [
      'type',
      'table',
      'schema',
      'record',
      'old_record',
      'event_type',
      'source',
      'table_name',
      'record_id',
    ],
    success: [202],
    example: ex('supabase/update.json'),
  },
  {
    path: '/api/v1/webhooks/notion',
    sign: (b) => [['X-Notion-Signature', notionSignature(b, NOTION_TOKEN)]],
    fields: ['id', 'timestamp', 'type', 'entity', 'verification_token'],
    success: [200, 202],
    example: ex('notion/page_created.json'),
  },
  {
    path: '/api/v1/webhooks/test',
    sign: bearerAuth,
    fields: ['event_type', 'source', 'table_name', 'record_id', 'data'],
    success: [200],
    example: ex('seed/sync_envelope.json'),
  },
  {
    path: '/api/v1/webhooks/events/00000000-0000-4000-8000-000000000000/replay',
    sign: bearerAuth,
    fields: [],
    success: [],
  },
  {
    path: '/booking/webhook',
    sign: (b) => [['X-Webhook-Signature', hmacHex(b, 'fuzz-booking-secret')]],
    fields: ['message', 'phone', 'thread_id', 'type', 'body', 'contactId', 'conversationId'],
    success: [200],
    example: ex('ghl/inbound_message.json'),
  },
];

const SECRETS = [
  TEST_TOKEN,
  ELEVENLABS_SECRET,
  SYNC_SECRET,
  NOTION_TOKEN,
  LINK_SECRET,
  'fuzz-booking-secret',
  'fake-xi-api-key',
  'fake-hoc-key',
];

const deepNesting = fc
  .integer({ min: 50, max: 3000 })
  .map((depth) => '['.repeat(depth) + ']'.repeat(depth));
const wrongTyped = (fields: string[]) =>
  fields.length === 0
    ? fc.constant('{}')
    : fc
        .dictionary(
          fc.constantFrom(...fields),
          fc.oneof(fc.jsonValue(), fc.string({ maxLength: 5000 }), fc.constant(null)),
          { maxKeys: fields.length },
        )
        .map((o) => JSON.stringify(o));

/** The route's example with one field replaced (or removed) by anything JSON can hold. */
const mutatedExample = (route: Route) =>
  fc
    .tuple(
      fc.constantFrom(...Object.keys(route.example ?? { x: 1 })),
      fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined }),
    )
    .map(([key, value]) => {
      const copy: Record<string, unknown> = { ...(route.example ?? {}) };
      if (value === undefined) delete copy[key];
      else copy[key] = value;
      return Buffer.from(JSON.stringify(copy));
    });

const bodyArb = (route: Route) =>
  fc.oneof(
    { weight: 3, arbitrary: mutatedExample(route) },
    { weight: 1, arbitrary: fc.constant(Buffer.from(JSON.stringify(route.example ?? {}))) },
    fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
    wrongTyped(route.fields).map((s) => Buffer.from(s)),
    fc
      .string({ minLength: 10_000, maxLength: 200_000 })
      .map((s) => Buffer.from(JSON.stringify({ [route.fields[0] ?? 'x']: s }))),
    deepNesting.map((s) => Buffer.from(s)),
    fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a)),
    fc
      .uint8Array({ maxLength: 200 })
      .map((a) =>
        Buffer.concat([
          Buffer.from('{"message":"'),
          Buffer.from(a),
          Buffer.from('\xff\xfe"}', 'latin1'),
        ]),
      ),
  );

// Mostly well-signed JSON, so most cases get past the guards into parsing and validation.
const signatureMode = fc.oneof(
  { weight: 6, arbitrary: fc.constant('valid') },
  { weight: 1, arbitrary: fc.constantFrom('none', 'random', 'truncated', 'duplicate') },
);
const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=latin1',
      '',
    ),
  },
);

function headersFor(
  route: Route,
  body: Buffer,
  mode: string,
  type: string,
  noise: string,
): Headers {
  const valid = route.sign(body);
  const headers: Headers = type ? [['Content-Type', type]] : [];
  if (mode === 'valid') return [...headers, ...valid];
  if (mode === 'none') return headers;
  if (mode === 'duplicate') return [...headers, ...valid, ...valid];
  if (mode === 'truncated')
    return [
      ...headers,
      ...valid.map(([k, v]): [string, string] => [
        k,
        v.slice(0, Math.max(1, Math.floor(v.length / 2))),
      ]),
    ];
  return [
    ...headers,
    ...valid.map(([k]): [string, string] => [k, noise.replace(/[^\x20-\x7e]/g, '')]),
  ];
}

function checkAnswer(route: Route, res: RawResponse): void {
  const text = res.body.toString('utf8');
  if (res.status >= 500)
    throw new Error(`${route.path} answered ${res.status}: ${text.slice(0, 500)}`);
  if (!route.success.includes(res.status)) {
    if (res.status < 400)
      throw new Error(`${route.path} answered ${res.status} outside its contract`);
    const body = JSON.parse(text) as Record<string, unknown>;
    for (const key of [
      'status',
      'error',
      'code',
      'message',
      'details',
      'request_id',
      'timestamp',
    ]) {
      if (!(key in body))
        throw new Error(`${route.path} ${res.status} body lacks ${key}: ${text.slice(0, 300)}`);
    }
  }
  if (INTERNALS.test(text))
    throw new Error(`${route.path} leaked internals: ${text.slice(0, 300)}`);
  for (const secret of SECRETS)
    if (text.includes(secret)) throw new Error(`${route.path} leaked a secret`);
}

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

  it.each(ROUTES.map((r) => [r.path, r] as const))(
    '%s never answers 5xx or leaks',
    async (_path, route) => {
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
    },
  );

  it('reached the handlers, not just the guards', () => {
    const reached = [200, 202, 400, 404].reduce(
      (sum, status) => sum + (statuses.get(status) ?? 0),
      0,
    );
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

/** Bytes as they travel in a URL: every byte percent-encoded, so any byte sequence can be sent. */
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
