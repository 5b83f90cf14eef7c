// The real entry point (src/main.ts) as operators meet it: JSON log lines with level names in
// production, one per request, a 5xx logged once with its real error, no capability token in
// any line; readable lines in development; and production refusing unsafe settings in one line.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const STRONG = '0123456789abcdef0123';
const PRODUCTION = {
  NODE_ENV: 'production',
  EMBEDDED_DATABASE: 'true',
  API_TOKENS: `api-${STRONG}`,
  ELEVENLABS_WEBHOOK_SECRETS: `el-${STRONG}`,
  SYNC_WEBHOOK_SECRET: `sync-${STRONG}`,
  LINK_SECRET: `link-${STRONG}`,
  BOOKING_WEBHOOK_SECRET: `booking-${STRONG}`,
};

interface Running {
  child: ChildProcess;
  url: string;
  out: () => string;
  stop: () => Promise<void>;
}

function spawnMain(env: Record<string, string>, cwd: string) {
  const child = spawn(
    process.execPath,
    ['-r', require.resolve('@swc-node/register'), join(ROOT, 'src', 'main.ts')],
    {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
        HOST: '127.0.0.1',
        PORT: '0',
        DATA_DIR: join(cwd, 'data'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, out: () => out, err: () => err, exited };
}

async function startMain(env: Record<string, string>, cwd: string): Promise<Running> {
  const run = spawnMain(env, cwd);
  const deadline = Date.now() + 60_000;
  let port: string | undefined;
  while (!port) {
    port = /Listening on http:\/\/[^:]+:(\d+)/.exec(run.out())?.[1];
    if (run.child.exitCode !== null || Date.now() > deadline)
      throw new Error(`app did not start: ${run.out()}${run.err()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    child: run.child,
    url: `http://127.0.0.1:${port}`,
    out: run.out,
    stop: async () => {
      run.child.kill('SIGTERM');
      await run.exited;
    },
  };
}

/** Waits for a condition on the child's output (lines arrive asynchronously over the pipe). */
async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('src/main.ts: logs and production safety (e2e, own process)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hoc-main-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('production: JSON lines with level names, one per request, a 5xx once with its error', async () => {
    const app = await startMain(
      { ...PRODUCTION, HOC_API_URL: `http://127.0.0.1:${await closedPort()}` },
      dir,
    );
    try {
      const token = 'eyJhbGciOiJIUzI1NiJ9.capability-token-value';
      await fetch(`${app.url}/talk/${token}`);
      const failed = await fetch(`${app.url}/webhook/setup-campaign`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${PRODUCTION.API_TOKENS}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ campaign_id: '16' }),
      });
      expect(failed.status).toBe(502);
      const requestId = failed.headers.get('x-request-id');
      await until(() => app.out().includes(requestId!));
      const lines = app
        .out()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, any>);
      for (const line of lines) expect(typeof line.level).toBe('string');
      expect(lines.some((l) => l.level === 'info' && /Listening on/.test(l.msg))).toBe(true);
      const talk = lines.filter((l) => l.req?.url?.startsWith('/talk/'));
      expect(talk).toHaveLength(1);
      expect(talk[0].msg).toMatch(/^GET \/talk\/:token 404 \d+ms$/);
      const about502 = lines.filter((l) => l.request_id === requestId);
      expect(about502).toHaveLength(1);
      expect(about502[0]).toMatchObject({
        level: 'error',
        msg: expect.stringMatching(/^POST \/webhook\/setup-campaign 502: HOC/),
        err: { message: expect.stringMatching(/HOC/), stack: expect.any(String) },
        duration_ms: expect.any(Number),
      });
      expect(app.out()).not.toContain('capability-token-value');
      expect(app.out()).not.toContain(PRODUCTION.API_TOKENS);
      expect(app.out()).not.toContain('failed with status code');
    } finally {
      await app.stop();
    }
  });

  it('development: readable lines, not JSON', async () => {
    const app = await startMain({ NODE_ENV: 'development' }, dir);
    try {
      await fetch(`${app.url}/webhook/health`);
      await until(() => app.out().includes('GET /webhook/health'));
      const line = app
        .out()
        .split('\n')
        .find((l) => l.includes('GET /webhook/health'));
      expect(line).toMatch(
        /^\[\d{2}:\d{2}:\d{2}\.\d{3}\] INFO: GET \/webhook\/health 200 \d+ms \(/,
      );
      expect(app.out()).toMatch(/WARN: SECURITY: API_TOKENS is not set/);
    } finally {
      await app.stop();
    }
  });

  it('production refuses a placeholder secret and a forgotten DATABASE_URL, in one line', async () => {
    const { EMBEDDED_DATABASE: _chosen, ...withoutChoice } = PRODUCTION;
    const run = spawnMain({ ...withoutChoice, LINK_SECRET: 'change-me-link-secret' }, dir);
    expect(await run.exited).toBe(1);
    const message = run.err().trim();
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toContain('LINK_SECRET holds a placeholder');
    expect(message).toContain('DATABASE_URL is not set');
    expect(message).toContain('EMBEDDED_DATABASE=true');
  });
});
