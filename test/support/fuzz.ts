// What the fuzz suites share: every POST route with its signer, the fields it reads and a valid
// example; generators of bad bodies, signatures and content types; the check every answer must
// pass (a documented success or a 4xx in the error shape; never a 5xx, a stack or a secret).
// Seeded (FUZZ_SEED, printed) so a failure can be replayed.
import fc from 'fast-check';
import { elevenLabsSignature, fixture, hmacHex, notionSignature } from '../../tools/signing';
import { INTERNALS } from './leaks';
import type { RawResponse } from './raw-http';
import { ELEVENLABS_SECRET, LINK_SECRET, NOTION_TOKEN, SYNC_SECRET, TEST_TOKEN } from './test-app';

export type Headers = [string, string][];
export type Signer = (body: Buffer) => Headers;

export interface Route {
  path: string;
  sign: Signer;
  /** Fields the route reads, to aim wrong types at them. */
  fields: string[];
  success: number[];
  /** A valid body, mutated field by field to reach the deeper code paths. */
  example?: Record<string, unknown>;
}

/** fast-check's seed: fixed, so a run is reproducible; FUZZ_SEED varies it. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261123);

const ex = (path: string) => fixture<Record<string, unknown>>(path);
export const bearerAuth: Signer = () => [['Authorization', `Bearer ${TEST_TOKEN}`]];
export const ROUTES: Route[] = [
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

export const bodyArb = (route: Route) =>
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
export const signatureMode = fc.oneof(
  { weight: 6, arbitrary: fc.constant('valid') },
  { weight: 1, arbitrary: fc.constantFrom('none', 'random', 'truncated', 'duplicate') },
);
export const contentType = fc.oneof(
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

export function headersFor(
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

export function checkAnswer(route: Route, res: RawResponse): void {
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
