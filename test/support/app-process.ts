// Starts the built app (dist/main.js) as a process of its own (benchmark, replicas, kill -9),
// waits for readiness and samples its RSS.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NODE_FLAGS } from '../../src/bootstrap/node-flags';
import { freePort } from './ports';

export interface AppProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** From spawn to the first 200 of /health/ready. */
  readyMs: number;
  rssMb(): number;
  peakRssMb(): number;
  resetPeak(): void;
  stop(): Promise<void>;
  /** SIGKILL: no shutdown hooks, no goodbye. */
  kill(): Promise<void>;
  /** SIGTERM, resolving with how the process ended once it is gone. */
  terminate(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Resident set size of a process in MB, from /proc; 0 once it is gone. */
export function rssMb(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return line ? Math.round(Number(line.replace(/\D+/g, '')) / 1024) : 0;
  } catch {
    return 0;
  }
}

/**
 * `port` 0 (the usual choice): a port the OS hands out, so parallel suites never collide.
 * `nodeArgs`: flags for node itself, e.g. `--cpu-prof` when the benchmark profiles.
 */
export async function startApp(
  port: number,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<AppProcess> {
  if (port === 0) port = await freePort();
  const spawnedAt = Date.now();
  const child = spawn(
    process.execPath,
    // As `npm start` and the image run it.
    [...NODE_FLAGS, ...nodeArgs, join(__dirname, '..', '..', 'dist', 'main.js')],
    {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = spawnedAt + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/health/ready`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error('app did not become ready');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const readyMs = Date.now() - spawnedAt;
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(child.pid as number));
  }, 100);
  return {
    url,
    pid: child.pid as number,
    child,
    readyMs,
    rssMb: () => rssMb(child.pid as number),
    peakRssMb: () => Math.max(peak, rssMb(child.pid as number)),
    resetPeak: () => {
      peak = rssMb(child.pid as number);
    },
    async stop() {
      clearInterval(sampler);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      clearInterval(sampler);
      child.kill('SIGKILL');
      await exited;
    },
    async terminate() {
      clearInterval(sampler);
      child.kill('SIGTERM');
      return exited;
    },
  };
}
