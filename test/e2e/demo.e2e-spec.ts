// `npm run demo` walks the whole story offline, and `npm run send` fires a signed webhook at it.
import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT as root } from '../../tools/paths';
import { freePort } from '../support/ports';

function run(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', ...args], {
    cwd: root,
    env: { ...process.env, ...env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function output(child: ChildProcess, until: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(
      () => reject(new Error(`timed out; output so far:\n${text}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (until.test(text)) {
        clearTimeout(timer);
        resolve(text);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', () => {
      clearTimeout(timer);
      if (until.test(text)) resolve(text);
      else reject(new Error(`exited early:\n${text}`));
    });
  });
}

describe('demo and send (e2e)', () => {
  let port: string;
  let demo: ChildProcess;
  /** What the demo printed until it said it keeps serving. */
  let story: string;

  // The demo runs for the whole describe: one test reads its story, another sends to it.
  beforeAll(async () => {
    port = String(await freePort());
    demo = run(['scripts/demo.ts'], { PORT: port });
    story = await output(demo, /Serving until Ctrl-C/, 90_000);
  }, 120_000);

  afterAll(() => {
    demo?.kill('SIGINT');
  });

  it('walks the story and keeps serving', async () => {
    const text = story;
    expect(demo.exitCode).toBeNull();
    expect(text).toContain('POST /webhook/setup-campaign → 200');
    expect(text).toContain(
      'hier spricht Susi, die digitale Recruiting-Assistentin von Tech Startup GmbH',
    );
    expect(text).toMatch(/POST \/webhook\/post-call → 200[\s\S]*POST \/webhook\/post-call → 200/);
    expect(text).toContain('"status": "completed"');
    expect(text).toContain('POST /api/v1/webhooks/notion → 202');
    expect(text).toContain('← Gern! Antwort auf: Hi, I want to book an appointment');
    expect(text).toMatch(new RegExp(`talk page\\s+http://localhost:${port}/talk/`));
  });

  it('send fires a signed Supabase event at the running demo', async () => {
    const send = run(['scripts/send.ts', 'supabase', '--url', `http://localhost:${port}`], {
      SYNC_WEBHOOK_SECRET: 'demo-sync-secret',
    });
    const text = await output(send, /"status": "accepted"|← 4\d\d/, 60_000);
    expect(text).toContain('← 202');
  });

  it('send refuses an unknown kind with its usage', async () => {
    const send = run(['scripts/send.ts', 'nonsense'], {});
    const text = await output(send, /Secrets come from/, 30_000);
    expect(text).toContain('unknown kind "nonsense"');
    expect(text).toMatch(/^ {2}setup-campaign {2,}/m);
    expect(text).toMatch(/^ {2}trigger-call {2,}/m);
  });
});
