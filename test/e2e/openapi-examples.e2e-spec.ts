// The error examples in openapi.json are what the routes really answer: each request below
// provokes one documented error, and the answer's code, title and top-level fields must equal
// the example Swagger shows for that route and status.
import request from 'supertest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeHoc } from '../../tools/fakes/hoc.fake';
import { elevenLabsSignature } from '../../tools/signing';
import { bearer, startTestApp, type TestApp } from '../support/test-app';
import type { Json } from '../../src/common/json/json-object';

const document = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, { responses: Record<string, any> }>>;
};

function documented(method: string, path: string, status: number): Json {
  const example = document.paths[path]?.[method]?.responses[String(status)]?.content?.[
    'application/json'
  ]?.example as Json | undefined;
  if (!example) throw new Error(`no example for ${method} ${path} ${status}`);
  return example;
}

function expectAsDocumented(answer: request.Response, method: string, path: string): void {
  const example = documented(method, path, answer.status);
  const body = answer.body as Json;
  expect({ code: body.code, error: body.error }).toEqual({
    code: example.code,
    error: example.error,
  });
  expect(Object.keys(body).sort()).toEqual(Object.keys(example).sort());
}

describe('error examples in openapi.json match the answers (e2e)', () => {
  const hoc = new FakeHoc();
  let t: TestApp;

  beforeAll(async () => {
    await hoc.start();
    t = await startTestApp({ HOC_API_URL: hoc.url, HOC_API_KEY: hoc.apiKey });
  });
  afterAll(async () => {
    await t.close();
    await hoc.stop();
  });

  it('trigger-call: 400 missing fields (with `missing`) and 401 without a token', async () => {
    const missing = await request(t.url)
      .post('/webhook/trigger-call')
      .set(bearer)
      .send({ campaign_id: '123', company_name: 'Tech Startup GmbH' });
    expect(missing.status).toBe(400);
    expectAsDocumented(missing, 'post', '/webhook/trigger-call');
    const anonymous = await request(t.url).post('/webhook/trigger-call').send({});
    expect(anonymous.status).toBe(401);
    expectAsDocumented(anonymous, 'post', '/webhook/trigger-call');
  });

  it('setup-campaign: 404 for a campaign HOC does not know', async () => {
    const answer = await request(t.url)
      .post('/webhook/setup-campaign')
      .set(bearer)
      .send({ campaign_id: '999' });
    expect(answer.status).toBe(404);
    expectAsDocumented(answer, 'post', '/webhook/setup-campaign');
  });

  it('reads: 404 for an unknown call, package and booking thread', async () => {
    for (const [url, path] of [
      ['/calls/conv_unknown', '/calls/{conversation_id}'],
      ['/campaigns/777/package', '/campaigns/{campaign_id}/package'],
      ['/booking/threads/thread_unknown', '/booking/threads/{thread_id}'],
    ]) {
      const answer = await request(t.url).get(url).set(bearer);
      expect(answer.status).toBe(404);
      expectAsDocumented(answer, 'get', path);
    }
  });

  it('post-call: 401 for a signature that does not match the body', async () => {
    const body = JSON.stringify({ type: 'post_call_transcription', data: {} });
    const answer = await request(t.url)
      .post('/webhook/post-call')
      .set('Content-Type', 'application/json')
      .set('ElevenLabs-Signature', elevenLabsSignature(body, 'not-the-secret'))
      .send(body);
    expect(answer.status).toBe(401);
    expectAsDocumented(answer, 'post', '/webhook/post-call');
  });
});
