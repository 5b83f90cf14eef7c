// `npm run send` as an engineer uses it: --help, the port from .env, a health kind, and a clear
// message (not "fetch failed") when nothing answers.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestApp, TEST_TOKEN, type TestApp } from '../support/test-app';

const SCRIPT = join(__dirname, '..', '..', 'scripts', 'send.ts');
const REGISTER = require.resolve('@swc-node/register');

async function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['-r', REGISTER, SCRIPT, ...args],
      { cwd, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A port nothing listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('npm run send (e2e)', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    t = await startTestApp();
    dir = mkdtempSync(join(tmpdir(), 'hoc-send-'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('--help lists every kind, health included, and exits 0', async () => {
    const result = await run(['--help'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^usage: npm run send -- <kind> \[options\]/);
    for (const kind of ['health', 'setup-campaign', 'trigger-call', 'post-call-audio', 'booking'])
      expect(result.stdout).toContain(`  ${kind} `);
  });

  it('an unknown kind or option is exit 2 with the usage', async () => {
    const kind = await run(['nonsense'], dir);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain('unknown kind "nonsense"');
    const option = await run(['health', '--bogus'], dir);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('usage:');
  });

  it('takes PORT and the secrets from .env: health and a signed setup-campaign reach the app', async () => {
    const port = new URL(t.url).port;
    writeFileSync(join(dir, '.env'), `PORT=${port}\nAPI_TOKENS=${TEST_TOKEN}\n`);
    try {
      const health = await run(['health'], dir);
      expect(health.stdout).toContain(`→ GET http://localhost:${port}/health/ready`);
      expect(health.stdout).toContain('← 200');
      expect(health.code).toBe(0);
      // Authenticated (not 401): the token came from .env; no HOC is configured, so 503.
      const setup = await run(['setup-campaign'], dir);
      expect(setup.stdout).toContain('← 503');
      expect(setup.stdout).toContain('hoc_not_configured');
    } finally {
      rmSync(join(dir, '.env'));
    }
  });

  it('says plainly when nothing answers', async () => {
    const port = await closedPort();
    const result = await run(['health'], dir, { PORT: String(port) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `Nothing answers at http://localhost:${port} (connection refused)`,
    );
    expect(result.stderr).not.toContain('fetch failed');
  });
});
