// The request log as an operator reads it: one JSON line per request with level name, method,
// route pattern, status, duration and request id; capability tokens, credentials and personal
// data (path values, query values outside the allow-list) never in it; a 5xx carries the real
// error once.
import express from 'express';
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { accessLogMiddleware } from './access-log.middleware';
import { loggableQuery, maskPath } from './loggable-url';
import { createRootLogger, loggerOptions } from './logging';

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

describe('loggable URL parts', () => {
  it('keeps API words of an unmatched path and masks every value segment', () => {
    expect(maskPath('/booking/threads/491701239999%40s.whatsapp.net')).toBe(
      '/booking/threads/:value',
    );
    expect(maskPath('/talk/eyJhbGciOi.abc-def')).toBe('/talk/:value');
    expect(maskPath('/webhook/trigger-call')).toBe('/webhook/trigger-call');
  });

  it('keeps only allow-listed query keys and counts the rest', () => {
    expect(loggableQuery('status=dead&limit=50')).toBe('?status=dead&limit=50');
    expect(loggableQuery('subject=%2B4917012345&status=dead&token=x')).toBe(
      '?status=dead&[2 more]',
    );
    expect(loggableQuery('code=abc&state=xyz')).toBe('?[2 more]');
    expect(loggableQuery('')).toBe('');
  });
});

describe('request log lines', () => {
  const out = capture();
  const logger = createRootLogger({ logLevel: 'info', nodeEnv: 'production' }, out.stream);
  const app = express();
  let id = 0;
  app.use((req, _res, next) => {
    req.id = `req-${++id}`;
    next();
  });
  app.use(accessLogMiddleware(logger));
  app.get('/talk/:token', (_req, res) => {
    res.send('<h1>Hallo</h1>');
  });
  app.get('/booking/threads/:threadId', (_req, res) => {
    res.status(404).json({ status: 'error' });
  });
  app.get('/boom', (_req, res) => {
    (res as unknown as { err: Error }).err = new Error('database exploded');
    res.status(500).json({ status: 'error' });
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  it('logs one line per request with method, route pattern, status, duration and request id', async () => {
    // Only this test's lines and request ids: another test of this app may have logged before.
    out.lines.length = 0;
    id = 0;
    await request(app).get('/talk/secret-capability-token').expect(200);
    await request(app)
      .get(
        '/booking/threads/491701239999%40s.whatsapp.net?token=query-secret&limit=2&subject=Quenstedt',
      )
      .set('Authorization', 'Bearer header-secret-token')
      .expect(404);
    await request(app).get('/health').expect(200);
    expect(out.lines).toHaveLength(2); // the probe is not logged
    const [talk, thread] = out.lines;
    expect(talk).toMatchObject({
      level: 'info',
      msg: expect.stringMatching(/^GET \/talk\/:token 200 \d+ms$/),
      req: { method: 'GET', url: '/talk/:token' },
      res: { status: 200 },
      request_id: 'req-1',
      duration_ms: expect.any(Number),
      time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(thread).toMatchObject({
      level: 'warn',
      msg: expect.stringMatching(
        /^GET \/booking\/threads\/:threadId\?limit=2&\[2 more\] 404 \d+ms$/,
      ),
      request_id: 'req-2',
    });
    const text = out.raw.join('');
    for (const secret of [
      'secret-capability-token',
      'query-secret',
      'header-secret',
      '491701239999',
      'Quenstedt',
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
  });

  it('pino prints level names, not numbers, for app lines too', () => {
    const own = capture();
    pino(loggerOptions('info'), own.stream).info('hello');
    expect(own.lines[0]).toMatchObject({ level: 'info', msg: 'hello' });
  });
});
