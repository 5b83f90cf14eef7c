// `GET /health` of the built app (production settings, access log on) against a bare Nest +
// Express app answering the same route, interleaved on the same machine: what the app's global
// request path (middleware, guards, interceptors, pipes) costs on top of Nest itself.
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../support/app-process';
import { freePort } from '../support/ports';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.BENCH_HEALTH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_HEALTH_ROUNDS ?? 3);

export interface HealthFigures {
  app_req_per_s: number;
  bare_nest_req_per_s: number;
  /** app ÷ bare Nest; the target is ≥ 0.6. */
  ratio: number;
  app_p99_ms: number;
  bare_nest_p99_ms: number;
  /** CPU time (user + system) per request of each server: steadier than req/s on a busy machine. */
  app_cpu_ms_per_req: number;
  bare_nest_cpu_ms_per_req: number;
  rounds: number;
  seconds_per_round: number;
}

/** User + system CPU ms of a process, from /proc (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function startBareNest(): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = fork(join(__dirname, 'bare-nest.ts'), [String(port)], {
    execArgv: ['-r', '@swc-node/register'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`bare Nest app exited ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

async function fire(url: string, seconds: number, pid: number) {
  const cpuBefore = cpuMs(pid);
  const result = await autocannon({
    url: `${url}/health`,
    connections: CONNECTIONS,
    duration: seconds,
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}/health: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { ...result, cpuMs: cpuMs(pid) - cpuBefore };
}

export async function healthVsBareNest(): Promise<HealthFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hoc-bench-health-'));
  const bare = await startBareNest();
  const app = await startApp(0, {
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    EMBEDDED_DATABASE: 'true',
    API_TOKENS: 'bench-api-token-0123456789abcdef',
    ELEVENLABS_WEBHOOK_SECRETS: 'bench-elevenlabs-secret-0123456789',
    SYNC_WEBHOOK_SECRET: 'bench-sync-secret-0123456789abcdef',
    LINK_SECRET: 'bench-link-secret-0123456789abcdef',
    BOOKING_WEBHOOK_SECRET: 'bench-booking-secret-0123456789ab',
    LOG_LEVEL: 'info',
  });
  try {
    await fire(bare.url, 2, bare.pid);
    await fire(app.url, 2, app.pid);
    const totals = { app: 0, bare: 0, appP99: 0, bareP99: 0, appCpu: 0, bareCpu: 0 };
    const count = { app: 0, bare: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const b = await fire(bare.url, SECONDS, bare.pid);
      const a = await fire(app.url, SECONDS, app.pid);
      totals.bareCpu += b.cpuMs;
      totals.appCpu += a.cpuMs;
      count.bare += b.requests.total;
      count.app += a.requests.total;
      totals.bare += b.requests.average;
      totals.app += a.requests.average;
      totals.bareP99 = Math.max(totals.bareP99, b.latency.p99);
      totals.appP99 = Math.max(totals.appP99, a.latency.p99);
    }
    const figures = {
      app_req_per_s: Math.round(totals.app / ROUNDS),
      bare_nest_req_per_s: Math.round(totals.bare / ROUNDS),
      ratio: Number((totals.app / totals.bare).toFixed(2)),
      app_p99_ms: totals.appP99,
      bare_nest_p99_ms: totals.bareP99,
      app_cpu_ms_per_req: Number((totals.appCpu / count.app).toFixed(3)),
      bare_nest_cpu_ms_per_req: Number((totals.bareCpu / count.bare).toFixed(3)),
      rounds: ROUNDS,
      seconds_per_round: SECONDS,
    };
    process.stdout.write(
      `GET /health: app ${figures.app_req_per_s} req/s, bare Nest ${figures.bare_nest_req_per_s} req/s, ratio ${figures.ratio}\n`,
    );
    return figures;
  } finally {
    await app.stop();
    await bare.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module)
  healthVsBareNest().then(
    (figures) => process.stdout.write(`${JSON.stringify(figures)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
