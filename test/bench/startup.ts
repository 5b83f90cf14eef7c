// Start-up to ready and idle RSS (issue 2: under 3 s and under 200 MB on the embedded database).
// Three starts of the built app: on a machine that has never built the embedded database's initdb
// template (a TMPDIR of its own), on an empty data directory, and a restart on that directory.
// RSS is read at ready and again after IDLE seconds without traffic: V8 keeps the young
// generation that start-up grew until its memory reducer sees the process idle.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../support/app-process';

const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 30);

export interface StartupFigures {
  first_start_ready_ms: number | null;
  fresh_start_ready_ms: number;
  restart_ready_ms: number;
  rss_at_ready_mb: number;
  idle_seconds: number;
  idle_rss_mb: number;
}

/**
 * `env(dataDir)` is the app's environment; with a DATABASE_URL in it the "first start" is
 * skipped (no template) and the fresh start is the one that runs the migrations.
 */
export async function startup(
  port: number,
  env: (dataDir: string) => Record<string, string>,
  embedded: boolean,
): Promise<StartupFigures> {
  const scratch = mkdtempSync(join(tmpdir(), 'hoc-startup-'));
  const timeStart = async (dataDir: string, extra: Record<string, string> = {}) => {
    const app = await startApp(port, { ...env(dataDir), ...extra });
    await app.stop();
    return app.readyMs;
  };
  try {
    let first: number | null = null;
    if (embedded) {
      const newMachineTmp = join(scratch, 'tmp');
      mkdirSync(newMachineTmp);
      first = await timeStart(join(scratch, 'first'), { TMPDIR: newMachineTmp });
    }
    const dataDir = join(scratch, 'data');
    const fresh = await timeStart(dataDir);
    const app = await startApp(port, env(dataDir));
    try {
      const atReady = app.rssMb();
      await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
      return {
        first_start_ready_ms: first,
        fresh_start_ready_ms: fresh,
        restart_ready_ms: app.readyMs,
        rss_at_ready_mb: atReady,
        idle_seconds: IDLE_SECONDS,
        idle_rss_mb: app.rssMb(),
      };
    } finally {
      await app.stop();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
