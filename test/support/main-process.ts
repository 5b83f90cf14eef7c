// src/main.ts as a process of its own (through the SWC register hook, no build needed), its
// output kept, for the suites that watch how the process itself lives and dies.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface MainProcess {
  child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** Resolves with how the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The URL once it logged "Listening on", else throws with its output. */
  listening(timeoutMs?: number): Promise<string>;
}

export function spawnMain(env: Record<string, string>): MainProcess {
  const child = spawn(
    process.execPath,
    ['-r', require.resolve('@swc-node/register'), join(ROOT, 'src', 'main.ts')],
    {
      env: {
        PATH: process.env.PATH ?? '',
        SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    output: () => output,
    exited,
    async listening(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const port = /Listening on http:\/\/[^:]+:(\d+)/.exec(output)?.[1];
        if (port) return `http://127.0.0.1:${port}`;
        if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline)
          throw new Error(`app did not start:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}
