// Junk where ids go and hostile JSON where bodies go, on every route of the OpenAPI document
// (so a route added later is covered without editing this file): NUL bytes, control characters,
// over-long and invalid UTF-8 path and query parameters; 20,000-level nesting and __proto__ /
// constructor keys in every POST body. Every answer is a 4xx in the error shape, never a 5xx.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rawRequest, type RawResponse } from '../support/raw-http';
import { elevenLabsSignature, hmacHex, notionSignature } from '../../tools/signing';
import {
  ELEVENLABS_SECRET,
  expectErrorShape,
  NOTION_TOKEN,
  startTestApp,
  SYNC_SECRET,
  TEST_TOKEN,
  type TestApp,
} from '../support/test-app';

interface OpenApi {
  paths: Record<string, Record<string, { security?: Record<string, unknown>[] }>>;
}
const openapi = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8'),
) as OpenApi;

/** Percent-encoded as they arrive on the wire. */
export const JUNK_PARAMETERS: Record<string, string> = {
  nul: '%00',
  'nul inside': 'a%00b',
  'control character': 'a%01b%1Fc',
  'DEL and C1': 'a%7Fb%C2%85',
  'over-long': 'x'.repeat(5000),
  'invalid UTF-8': '%FF%FE',
  'truncated escape': 'a%E0%A4',
  'lone surrogate (CESU)': '%ED%A0%80',
  newline: 'a%0D%0Ab',
};

const bearer: [string, string][] = [['Authorization', `Bearer ${TEST_TOKEN}`]];

function withParameters(template: string, junk: string, which: string): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => (name === which ? junk : 'ok-1'));
}

const parameterised = Object.entries(openapi.paths).flatMap(([template, methods]) =>
  [...template.matchAll(/\{(\w+)\}/g)].flatMap(([, name]) =>
    Object.keys(methods).map((method) => ({ template, method: method.toUpperCase(), name })),
  ),
);

function expectClientError(res: RawResponse, where: string): void {
  if (res.status < 400 || res.status >= 500)
    throw new Error(`${where}: ${res.status} ${res.body.toString().slice(0, 300)}`);
  expectErrorShape(JSON.parse(res.body.toString()) as Record<string, unknown>);
}

describe('hostile input on every route (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('the OpenAPI document has parameterised routes to test', () => {
    expect(parameterised.length).toBeGreaterThanOrEqual(6);
  });

  describe.each(Object.entries(JUNK_PARAMETERS))('%s in a path parameter', (_label, junk) => {
    it.each(parameterised)('$method $template ($name) → 400/404 in the error shape', async (r) => {
      const path = withParameters(r.template, junk, r.name);
      const body = r.method === 'POST' ? Buffer.from('{}') : undefined;
      const headers: [string, string][] = [...bearer];
      if (body) headers.push(['Content-Type', 'application/json']);
      expectClientError(await rawRequest(t.url, r.method, path, headers, body), path);
    });
  });

  it.each(Object.entries(JUNK_PARAMETERS))(
    '%s in a query parameter of the event log → 400 in the error shape',
    async (_label, junk) => {
      for (const name of ['source', 'status', 'cursor', 'limit', 'include_payload', 'x']) {
        const res = await rawRequest(
          t.url,
          'GET',
          `/api/v1/webhooks/events?${name}=${junk}`,
          bearer,
        );
        expectClientError(res, `${name}=${junk.slice(0, 20)}`);
      }
    },
  );

  it('a NUL in a path parameter is named in the answer', async () => {
    const res = await rawRequest(t.url, 'GET', '/calls/a%00b', bearer);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body.toString())).toMatchObject({
      code: 'invalid_path_parameter',
      details: { parameter: 'conversation_id', reason: 'contains a control character' },
    });
  });

  it('a cursor beyond the integer range is a 400, not a database error', async () => {
    const res = await rawRequest(
      t.url,
      'GET',
      '/api/v1/webhooks/events?cursor=99999999999999999999',
      bearer,
    );
    expect(res.status).toBe(400);
  });

  it('an ordinary unknown id is still a 404', async () => {
    const res = await rawRequest(t.url, 'GET', '/calls/conv_unknown', bearer);
    expect(res.status).toBe(404);
  });
});

type Signer = (body: Buffer) => [string, string][];
const json: [string, string] = ['Content-Type', 'application/json'];
/** How each POST route is authenticated, so hostile bodies reach its parsing and validation. */
export const POST_SIGNERS: Record<string, Signer> = {
  '/webhook/post-call': (b) => [
    ['ElevenLabs-Signature', elevenLabsSignature(b, ELEVENLABS_SECRET)],
  ],
  '/api/v1/webhooks/supabase': () => [['X-Webhook-Secret', SYNC_SECRET]],
  '/api/v1/webhooks/notion': (b) => [['X-Notion-Signature', notionSignature(b, NOTION_TOKEN)]],
  '/booking/webhook': (b) => [['X-Webhook-Signature', `sha256=${hmacHex(b, SYNC_SECRET)}`]],
};
const signerOf = (path: string): Signer => POST_SIGNERS[path] ?? (() => bearer);

/** `{"data":{"a":{"a":…}}}` `depth` levels deep, built as text (a recursive stringify would overflow). */
export function deepJson(depth: number, wrap: (inner: string) => string): Buffer {
  return Buffer.from(wrap(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`));
}

const postRoutes = Object.entries(openapi.paths)
  .filter(([path, methods]) => methods.post && !path.includes('{'))
  .map(([path]) => path);

describe('hostile JSON bodies on every POST route (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('there are POST routes to test', () => expect(postRoutes.length).toBeGreaterThanOrEqual(9));

  it.each(postRoutes)('%s: 20,000 levels of objects inside data → 400 (or 413)', async (path) => {
    const body = deepJson(20_000, (inner) => `{"type":"x","event_type":"x","data":${inner}}`);
    const res = await rawRequest(t.url, 'POST', path, [json, ...signerOf(path)(body)], body);
    expectClientError(res, path);
    // 120 kB: over the sync routes' 100 kB limit, which answers first there.
    expect(['body_too_deep', 'payload_too_large']).toContain(
      (JSON.parse(res.body.toString()) as { code: string }).code,
    );
  });

  it.each(postRoutes)(
    '%s: 20,000 levels of arrays inside data → 400 body_too_deep',
    async (path) => {
      const body = Buffer.from(
        `{"event_type":"x","data":${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
      );
      const res = await rawRequest(t.url, 'POST', path, [json, ...signerOf(path)(body)], body);
      expectClientError(res, path);
      expect(JSON.parse(res.body.toString())).toMatchObject({ code: 'body_too_deep' });
    },
  );

  it.each(postRoutes)(
    '%s: __proto__, constructor and prototype keys → 400 forbidden_key',
    async (path) => {
      for (const text of [
        '{"__proto__":{"polluted":1},"type":"INSERT","table":"t","record":{"id":"p1"}}',
        '{"constructor":{"prototype":{"polluted":1}},"event_type":"x","data":{"__proto__":{"x":1}}}',
        '{"event_type":"x","data":{"constructor":"x","prototype":[]}}',
        '{"event_type":"x","data":{"a":[{"\\u005f_proto__":null}]}}',
        '{"type":"INSERT","table":"t","record":{"id":"x","constructor" : {"name":"x"}}}',
      ]) {
        const body = Buffer.from(text);
        const res = await rawRequest(t.url, 'POST', path, [json, ...signerOf(path)(body)], body);
        expectClientError(res, `${path} ${text}`);
        expect(JSON.parse(res.body.toString())).toMatchObject({ code: 'forbidden_key' });
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }
    },
  );

  it('"__proto__" and "constructor" as values are plain data', async () => {
    const body = Buffer.from(
      '{"event_type":"x","data":{"note":"__proto__","kind":"constructor","k":["prototype"]}}',
    );
    const res = await rawRequest(t.url, 'POST', '/echo', [json, ...bearer], body);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString())).toMatchObject({
      data: { data: { note: '__proto__', kind: 'constructor', k: ['prototype'] } },
    });
  });

  it.each(postRoutes)('%s: 20,000 keys in one object → 400 body_too_many_keys', async (path) => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `"k${i}":${i}`).join(',');
    const body = Buffer.from(`{"event_type":"x","data":{${keys}}}`);
    const res = await rawRequest(t.url, 'POST', path, [json, ...signerOf(path)(body)], body);
    expectClientError(res, path);
  });
});
