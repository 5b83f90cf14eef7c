// The backbone every module stands on: health, readiness, docs, metrics, the auth guard's
// default deny, the error shape of 400/401/404/413/415, and the request id. Settings that change
// one route (METRICS_TOKEN, API_TOKENS rotation, THROTTLE_LIMIT and its 429) are asserted in the
// controller specs (src/health/health.controller.spec.ts, src/post-call/generic-webhook.controller.spec.ts).
import { Controller, Get, Module, Post } from '@nestjs/common';
import request from 'supertest';
import { EventLogService } from '../../src/events/event-log.service';
import { bearer, expectErrorShape, startTestApp, type TestApp } from '../support/test-app';

@Controller('undecorated')
class UndecoratedController {
  @Get()
  open() {
    return { leaked: true };
  }

  @Post()
  write() {
    return { leaked: true };
  }
}

@Module({ controllers: [UndecoratedController] })
class UndecoratedModule {}

describe('platform (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({}, [UndecoratedModule]);
  });
  afterAll(() => t.close());

  describe('health', () => {
    it('GET /health is liveness with version and uptime', async () => {
      const res = await request(t.url).get('/health').expect(200);
      expect(res.body).toMatchObject({
        status: 'ok',
        info: { app: { status: 'up', version: '1.0.0', uptime_seconds: expect.any(Number) } },
      });
    });

    it('GET /health/ready checks database, jobs and disk', async () => {
      const res = await request(t.url).get('/health/ready').expect(200);
      expect(res.body.info).toMatchObject({
        database: { status: 'up', driver: 'pglite' },
        jobs: { status: 'up' },
        disk: { status: 'up' },
      });
      expect(res.body.info.redis).toBeUndefined();
    });

    it('GET /webhook/health answers in the old service shape', async () => {
      const res = await request(t.url).get('/webhook/health').expect(200);
      expect(res.body).toMatchObject({
        status: 'healthy',
        service: 'hoc-webhooks',
        agent_id: null,
        // Outside production no HOC is called unless HOC_API_URL is set.
        hirings_api_url: null,
      });
      expect(Date.parse(res.body.timestamp)).not.toBeNaN();
    });
  });

  describe('docs', () => {
    it('serves Swagger UI from local assets', async () => {
      const html = await request(t.url).get('/docs').expect(200);
      expect(html.text).toContain('swagger-ui');
      expect(html.text).not.toMatch(/https?:\/\/(cdn|unpkg)/);
      const init = await request(t.url).get('/docs/swagger-ui-init.js').expect(200);
      expect(init.text).toContain('HOC webhooks');
    });

    it('serves the OpenAPI document with every security scheme', async () => {
      const res = await request(t.url).get('/docs-json').expect(200);
      expect(Object.keys(res.body.components.securitySchemes).sort()).toEqual([
        'bearer',
        'elevenlabs',
        'ghl',
        'hmac',
        'metrics',
        'notion',
        'supabase',
      ]);
      expect(res.body.paths['/webhook'].post.security).toEqual([{ bearer: ['events:write'] }]);
      expect(res.body.paths['/webhook'].post['x-scope']).toBe('events:write');
      expect(res.body.paths['/undecorated']).toBeDefined();
    });
  });

  describe('metrics', () => {
    it('exposes Prometheus text with HTTP durations and webhook counters', async () => {
      await request(t.url)
        .post('/webhook')
        .set(bearer)
        .send({ event_type: 'metrics_probe' })
        .expect(200);
      const res = await request(t.url).get('/metrics').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.text).toContain('http_request_duration_seconds_bucket');
      expect(res.text).toMatch(
        /webhooks_total\{source="generic",type="metrics_probe",outcome="accepted"\} 1/,
      );
      expect(res.text).toContain('process_resident_memory_bytes');
    });
  });

  describe('auth guard', () => {
    it('denies a route that declares no scheme', async () => {
      const res = await request(t.url).get('/undecorated').set(bearer).expect(401);
      expectErrorShape(res.body, { code: 'no_auth_scheme' });
      expect(res.body).not.toHaveProperty('leaked');
      await request(t.url).post('/undecorated').set(bearer).send({}).expect(401);
    });

    it('answers a missing bearer token with the seed 401 body', async () => {
      const res = await request(t.url).post('/webhook').send({ event_type: 'x' }).expect(401);
      expectErrorShape(res.body, { code: 'missing_authorization' });
      expect(res.body).toMatchObject({
        error: 'Missing Authorization header',
        message: 'Please provide Authorization: Bearer {API_KEY}',
      });
    });

    it('rejects a wrong token and a malformed header', async () => {
      expectErrorShape(
        (
          await request(t.url)
            .post('/webhook')
            .set('Authorization', 'Bearer nope')
            .send({ event_type: 'x' })
            .expect(401)
        ).body,
        { code: 'invalid_token' },
      );
      expectErrorShape(
        (
          await request(t.url)
            .post('/webhook')
            .set('Authorization', 'Basic abc')
            .send({ event_type: 'x' })
            .expect(401)
        ).body,
        { code: 'invalid_authorization' },
      );
    });
  });

  describe('errors', () => {
    it('404 for an unknown route', async () => {
      const res = await request(t.url).get('/no/such/route').expect(404);
      expectErrorShape(res.body, { code: 'not_found' });
    });

    it('413 for a body over the limit', async () => {
      const res = await request(t.url)
        .post('/webhook')
        .set(bearer)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ event_type: 'big', data: { blob: 'x'.repeat(1_100_000) } }))
        .expect(413);
      expectErrorShape(res.body, { code: 'payload_too_large' });
    });

    it('415 for a body that is not JSON', async () => {
      const res = await request(t.url)
        .post('/webhook')
        .set(bearer)
        .set('Content-Type', 'text/plain')
        .send('event_type=x')
        .expect(415);
      expectErrorShape(res.body, { code: 'unsupported_media_type' });
    });

    it('400 for malformed JSON', async () => {
      const res = await request(t.url)
        .post('/webhook')
        .set(bearer)
        .set('Content-Type', 'application/json')
        .send('{"event_type":')
        .expect(400);
      expectErrorShape(res.body, { code: 'invalid_json' });
    });

    it('400 for a JSON body that is not an object', async () => {
      const res = await request(t.url)
        .post('/webhook')
        .set(bearer)
        .set('Content-Type', 'application/json')
        .send('[1,2]')
        .expect(400);
      expectErrorShape(res.body, { code: 'invalid_body' });
    });
  });

  describe('request id', () => {
    it('echoes a well-formed X-Request-ID in the header and the body', async () => {
      const res = await request(t.url)
        .post('/webhook')
        .set(bearer)
        .set('X-Request-ID', 'hoc-trace.42_a-b')
        .send({ event_type: 'traced' })
        .expect(200);
      expect(res.headers['x-request-id']).toBe('hoc-trace.42_a-b');
      expect(res.body.request_id).toBe('hoc-trace.42_a-b');
    });

    it('replaces a malformed one with a UUID, also on errors', async () => {
      const res = await request(t.url)
        .get('/nope')
        .set('X-Request-ID', 'bad id with spaces')
        .expect(404);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body.request_id).toBe(res.headers['x-request-id']);
    });
  });

  describe('generic webhook and echo', () => {
    it('stores a generic event in the event log', async () => {
      const res = await request(t.url)
        .post('/webhook')
        .set(bearer)
        .send({
          event_type: 'user_signup',
          data: { email: 'user@example.com', name: 'John Doe' },
          user_id: 'user_123',
        })
        .expect(200);
      expect(res.body).toMatchObject({
        status: 'success',
        message: "Payload of type 'user_signup' processed successfully",
        request_id: res.headers['x-request-id'],
        data: { processed: true, event_type: 'user_signup', duplicate: false },
      });
      const stored = await t.get(EventLogService).get(res.body.data.event_id);
      expect(stored).toMatchObject({
        source: 'generic',
        type: 'user_signup',
        status: 'processed',
        payload: { user_id: 'user_123' },
      });
    });

    it('lists a missing event_type', async () => {
      const res = await request(t.url).post('/webhook').set(bearer).send({ data: {} }).expect(400);
      expectErrorShape(res.body, { code: 'missing_required_fields' });
      expect(res.body.missing).toEqual(['event_type']);
    });

    it('rejects wrong types and unknown fields on our own API', async () => {
      const wrongType = await request(t.url)
        .post('/webhook')
        .set(bearer)
        .send({ event_type: 'x', data: 'not-an-object' })
        .expect(400);
      expectErrorShape(wrongType.body, { code: 'validation_failed' });
      expect(Object.keys(wrongType.body.details.fields)).toEqual(['data']);
      const unknown = await request(t.url)
        .post('/echo')
        .set(bearer)
        .send({ event_type: 'x', surprise: 1 })
        .expect(400);
      expect(Object.keys(unknown.body.details.fields)).toEqual(['surprise']);
    });

    it('echoes the validated payload', async () => {
      const res = await request(t.url)
        .post('/echo')
        .set(bearer)
        .send({ event_type: 'ping', data: { a: 1 } })
        .expect(200);
      expect(res.body).toMatchObject({
        status: 'success',
        data: { event_type: 'ping', data: { a: 1 } },
      });
    });
  });
});
