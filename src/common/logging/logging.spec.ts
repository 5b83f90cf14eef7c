// The request log as an operator reads it: one JSON line per request with level name, method,
// path, status, duration and request id; capability tokens and credentials never in it; a 5xx
// carries the real error once.
import express from 'express';
import { Writable } from 'node:stream';
import pino from 'pino';
import pinoHttp from 'pino-http';
import request from 'supertest';
import { httpLoggerOptions, redactUrl } from './logging';

function capture() {
  const lines: Record<string, any>[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      raw.push(chunk.toString());
      lines.push(JSON.parse(chunk.toString()) as Record<string, any>);
      done();
    },
  });
  return { lines, raw, stream };
}

describe('redactUrl', () => {
  it('replaces the talk-page token and secret query values, keeps the rest', () => {
    expect(redactUrl('/talk/eyJhbGciOi.abc-def')).toBe('/talk/[redacted]');
    expect(redactUrl('/talk/tok?lang=de')).toBe('/talk/[redacted]?lang=de');
    expect(redactUrl('/calls/conv_1?token=abc&x=1&api_key=k&X-Signature=s')).toBe(
      '/calls/conv_1?token=[redacted]&x=1&api_key=[redacted]&X-Signature=[redacted]',
    );
    expect(redactUrl('/webhook/trigger-call')).toBe('/webhook/trigger-call');
  });

  it('hides the OpenID Connect callback code and state of the console sign-in', () => {
    expect(redactUrl('/console/auth/callback?code=c0de&state=st4te&iss=https%3A%2F%2Fidp')).toBe(
      '/console/auth/callback?code=[redacted]&state=[redacted]&iss=https%3A%2F%2Fidp',
    );
  });
});

describe('request log lines', () => {
  const out = capture();
  const app = express();
  let id = 0;
  app.use((req, _res, next) => {
    (req as unknown as { id: string }).id = `req-${++id}`;
    next();
  });
  app.use(pinoHttp({ ...httpLoggerOptions('info'), logger: undefined }, out.stream));
  app.get('/talk/:token', (_req, res) => {
    res.send('<h1>Hallo</h1>');
  });
  app.get('/calls/:id', (_req, res) => {
    res.status(404).json({ status: 'error' });
  });
  app.get('/boom', (_req, res) => {
    (res as unknown as { err: Error }).err = new Error('database exploded');
    res.status(500).json({ status: 'error' });
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  it('logs one line per request with method, path, status, duration and request id', async () => {
    await request(app).get('/talk/secret-capability-token').expect(200);
    await request(app)
      .get('/calls/conv_1?token=query-secret&page=2')
      .set('Authorization', 'Bearer header-secret-token')
      .set('ElevenLabs-Signature', 't=1,v0=signature-secret')
      .expect(404);
    await request(app).get('/health').expect(200);
    expect(out.lines).toHaveLength(2); // the probe is not logged
    const [talk, call] = out.lines;
    expect(talk).toMatchObject({
      level: 'info',
      msg: expect.stringMatching(/^GET \/talk\/\[redacted\] 200 \d+ms$/),
      req: { method: 'GET', url: '/talk/[redacted]' },
      res: { status: 200 },
      request_id: 'req-1',
      duration_ms: expect.any(Number),
      time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(call).toMatchObject({
      level: 'warn',
      msg: expect.stringMatching(/^GET \/calls\/conv_1\?token=\[redacted\]&page=2 404 \d+ms$/),
      request_id: 'req-2',
    });
    const text = out.raw.join('');
    for (const secret of [
      'secret-capability-token',
      'query-secret',
      'header-secret',
      'signature-secret',
    ])
      expect(text).not.toContain(secret);
    expect(text).not.toContain('headers');
  });

  it('logs a 5xx once, at error level, with the real error and its stack', async () => {
    const before = out.lines.length;
    await request(app).get('/boom').expect(500);
    const lines = out.lines.slice(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'error',
      msg: 'GET /boom 500: database exploded',
      err: {
        message: 'database exploded',
        stack: expect.stringContaining('logging.spec.ts'),
      },
    });
    expect(JSON.stringify(lines[0])).not.toContain('failed with status code');
  });

  it('pino prints level names, not numbers, for app lines too', () => {
    const own = capture();
    const { formatters, timestamp } = httpLoggerOptions('info');
    pino({ formatters, timestamp }, own.stream).info('hello');
    expect(own.lines[0]).toMatchObject({ level: 'info', msg: 'hello' });
  });
});
