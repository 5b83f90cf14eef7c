// `npm run bench`: start-up to ready and idle RSS; the built app under autocannon on loopback (32
// connections, 10 s per workload after a warm-up), on the embedded database and on PostgreSQL,
// interleaved with the group-commit floor with processing (gcfloor.ts, the port of
// ../shared/bench/gcfloor.mjs) on the same database engine: app, then floor, per workload, the
// same requests, each on an idle server. Ratios app ÷ floor (req/s, p99) and each one's backlog
// right after its 10 s, in seconds of its own ingest. Then a burst of 10,000 sync events at 100
// connections from acknowledgement to processed, on the app and on the floor (drain-time ratio,
// peak RSS). BENCH_CPU_PROF=dir profiles the app. Prints tables, writes results.json.
import autocannon, { type Result } from 'autocannon';
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startApp, type AppProcess } from '../support/app-process';
import { freePort } from '../support/ports';
import { audioMemory } from './audio-memory';
import { backlog, burst, BURST, BURST_CONNECTIONS } from './burst';
import { startup, type StartupFigures } from './startup';
import { healthVsBareNest } from './health-vs-bare-nest';
import { autocannonRequests, SECRETS, WORKLOADS, type Workload } from './workloads';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
/** A directory: the app runs with --cpu-prof and leaves its profiles there. */
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF;
const PG_ADMIN = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Comma-separated parts of workload names to run (default: all), e.g. `post-call,Supabase`. */
const ONLY = process.env.BENCH_WORKLOADS?.split(',').filter(Boolean);
/** `0` skips a part: start-up figures, the burst, the 30 MB audio. */
const RUN_STARTUP = process.env.BENCH_STARTUP !== '0';
const RUN_AUDIO = process.env.BENCH_AUDIO !== '0';
// (BENCH_HEALTH=0 skips the GET /health comparison with a bare Nest app.)
const workloads = WORKLOADS.filter(
  (w) => !ONLY || ONLY.some((part) => w.name.toLowerCase().includes(part.toLowerCase())),
);

interface Row {
  database: string;
  server: 'app' | 'floor';
  workload: string;
  req_per_s: number;
  p50_ms: number;
  p99_ms: number;
  non_2xx: number;
  errors: number;
  peak_rss_mb: number | null;
  /** CPU time (user + system) of the server process per request: steadier than req/s on a busy machine. */
  cpu_ms_per_req: number;
  /** CPU time of the PostgreSQL server's processes per request (null on the embedded database, which runs inside the server process). */
  pg_cpu_ms_per_req: number | null;
  /** CPU ms per event from the first request until the last one is processed: ingest and processing. */
  cpu_ms_per_event_processed: number | null;
  pg_cpu_ms_per_event_processed: number | null;
  /** Events stored but unprocessed right after the 10 s run. */
  backlog: number;
  /** That backlog in seconds of this server's own ingest rate. */
  backlog_seconds: number;
}

/** User + system CPU time of a process in ms, from /proc (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of stat; after "pid (comm) " they are at 11 and 12.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * CPU ms of the PostgreSQL processes that serve `database` (its backends) and of the server's
 * shared ones (WAL writer, checkpointer, background writer): what the database spends on this
 * server's requests, whatever else the machine's PostgreSQL serves meanwhile. A backend counts
 * from the first sample that sees it; pools keep theirs for the whole run.
 */
async function postgresCpuMs(database: string): Promise<Map<number, number>> {
  const admin = new Client({ connectionString: PG_ADMIN });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
       WHERE (datname = $1 AND pid <> pg_backend_pid())
         OR backend_type IN ('walwriter', 'checkpointer', 'background writer')`,
      [database],
    );
    const cpu = new Map<number, number>();
    for (const { pid } of rows) {
      try {
        cpu.set(pid, cpuMs(pid));
      } catch {
        // ended between the query and the read
      }
    }
    return cpu;
  } finally {
    await admin.end();
  }
}

/** CPU ms spent between two samples by the processes of the second (new ones: all of theirs). */
const cpuSpent = (before: Map<number, number>, after: Map<number, number>): number =>
  [...after].reduce((sum, [pid, ms]) => sum + ms - (before.get(pid) ?? 0), 0);

const appEnv = (dataDir: string, databaseUrl?: string): Record<string, string> => ({
  NODE_ENV: 'production',
  DATA_DIR: dataDir,
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { EMBEDDED_DATABASE: 'true' }),
  API_TOKENS: SECRETS.api,
  ELEVENLABS_WEBHOOK_SECRETS: SECRETS.elevenlabs,
  SYNC_WEBHOOK_SECRET: SECRETS.sync,
  LINK_SECRET: 'bench-link-secret',
  BOOKING_WEBHOOK_SECRET: SECRETS.booking,
  GHL_WEBHOOK_PUBLIC_KEY: '',
  // Provider webhooks are not rate-limited by default; lift the API and booking limits, which
  // the stats polls and the booking workload would meet.
  THROTTLE_LIMIT: '100000000',
  BOOKING_THROTTLE_LIMIT: '100000000',
  // As production runs: one access log line per request (stdout is discarded here).
  LOG_LEVEL: 'info',
});

function fire(url: string, workload: Workload, seconds: number): Promise<Result> {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: autocannonRequests(workload),
    timeout: 10,
  });
}

async function measure(
  url: string,
  workload: Workload,
  pid: number,
  rss?: AppProcess,
  floor = false,
  /** The PostgreSQL database the server writes to (none: embedded). */
  postgres?: string,
): Promise<Omit<Row, 'database' | 'server'>> {
  // The previous workload may still be processing; each starts on an idle server.
  while ((await backlog(url, floor)) > 0) await new Promise((resolve) => setTimeout(resolve, 100));
  await fire(url, workload, WARMUP);
  while ((await backlog(url, floor)) > 0) await new Promise((resolve) => setTimeout(resolve, 100));
  if (rss) rss.resetPeak();
  else resetPeakOf(pid);
  const cpuBefore = cpuMs(pid);
  const pgBefore = postgres ? await postgresCpuMs(postgres) : new Map<number, number>();
  const result = await fire(url, workload, DURATION);
  const cpu = cpuMs(pid) - cpuBefore;
  const pgCpu = postgres ? cpuSpent(pgBefore, await postgresCpuMs(postgres)) : 0;
  const left = workload.method === 'POST' ? await backlog(url, floor) : 0;
  const rate = Math.max(1, result.requests.average);
  // Then until the backlog is processed: the whole cost of the run's events.
  if (workload.method === 'POST')
    while ((await backlog(url, floor)) > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  const perEvent = (ms: number) =>
    workload.method === 'POST'
      ? Number((ms / Math.max(1, result.requests.total)).toFixed(3))
      : null;
  return {
    workload: workload.name,
    req_per_s: Math.round(result.requests.average),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    non_2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    peak_rss_mb: rss ? rss.peakRssMb() : peakRssOf(pid),
    cpu_ms_per_req: Number((cpu / Math.max(1, result.requests.total)).toFixed(3)),
    pg_cpu_ms_per_req: postgres
      ? Number((pgCpu / Math.max(1, result.requests.total)).toFixed(3))
      : null,
    cpu_ms_per_event_processed: perEvent(cpuMs(pid) - cpuBefore),
    pg_cpu_ms_per_event_processed: postgres
      ? perEvent(cpuSpent(pgBefore, await postgresCpuMs(postgres)))
      : null,
    backlog: left,
    backlog_seconds: Number((left / rate).toFixed(2)),
  };
}

/** Starts the process's VmHWM again from its current RSS (Linux: clear_refs 5). */
function resetPeakOf(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

/** Peak RSS of a process since it started or since resetPeakOf (VmHWM), in MB. */
function peakRssOf(pid: number): number {
  const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Math.round(Number(kb ?? 0) / 1024);
}

async function startFloor(
  port: number,
  dataDir: string,
  databaseUrl?: string,
): Promise<{ pid: number; url: string; stop: () => Promise<void> }> {
  const child = fork(join(__dirname, 'gcfloor.ts'), [String(port), dataDir, databaseUrl ?? ''], {
    execArgv: ['-r', '@swc-node/register'],
    env: {
      ...process.env,
      ELEVENLABS_WEBHOOK_SECRETS: SECRETS.elevenlabs,
      SYNC_WEBHOOK_SECRET: SECRETS.sync,
    },
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`floor exited ${code}`)));
  });
  return {
    pid: child.pid as number,
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

async function withPostgres<T>(work: (url: string) => Promise<T>): Promise<T> {
  const name = `hoc_bench_${process.pid}`;
  const admin = new Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    // The app's database and the floor's (freshSchema): a run leaves neither behind.
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`DROP DATABASE IF EXISTS ${name}_floor WITH (FORCE)`);
    await admin.end();
  }
}

async function runDatabase(
  label: string,
  databaseUrl: string | undefined,
  rows: Row[],
  bursts: Record<string, unknown>,
  audio: Record<string, unknown>,
  startups: Record<string, StartupFigures>,
): Promise<void> {
  // First, while the database is still empty: the fresh start is the one that migrates it.
  if (RUN_STARTUP) {
    startups[label] = await startup(0, (dir) => appEnv(dir, databaseUrl), !databaseUrl);
    process.stdout.write(`  ${label} start-up: ${JSON.stringify(startups[label])}\n`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'hoc-bench-'));
  const floorDir = mkdtempSync(join(tmpdir(), 'hoc-floor-'));
  const floorUrl = databaseUrl ? await freshSchema(databaseUrl) : undefined;
  const floor = await startFloor(await freePort(), floorDir, floorUrl);
  try {
    const app = await startApp(
      0,
      appEnv(dataDir, databaseUrl),
      CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF_DIR}`] : [],
    );
    try {
      // Interleaved: per workload the app, then the floor, so both meet the same machine load.
      for (const workload of workloads) {
        const row = await measure(
          app.url,
          workload,
          app.pid,
          app,
          false,
          databaseName(databaseUrl),
        );
        rows.push({ database: label, server: 'app', ...row });
        process.stdout.write(
          `  ${label} app   ${workload.name}: ${row.req_per_s} req/s, p99 ${row.p99_ms} ms, ${row.cpu_ms_per_req} CPU ms/req (PostgreSQL ${row.pg_cpu_ms_per_req ?? '–'}), backlog ${row.backlog_seconds} s; until processed ${row.cpu_ms_per_event_processed} + PostgreSQL ${row.pg_cpu_ms_per_event_processed ?? '–'} CPU ms/event\n`,
        );
        if (!workload.floor) continue;
        const f = await measure(
          floor.url,
          workload,
          floor.pid,
          undefined,
          true,
          databaseName(floorUrl),
        );
        rows.push({ database: label, server: 'floor', ...f });
        process.stdout.write(
          `  ${label} floor ${workload.name}: ${f.req_per_s} req/s, p99 ${f.p99_ms} ms, ${f.cpu_ms_per_req} CPU ms/req (PostgreSQL ${f.pg_cpu_ms_per_req ?? '–'}), backlog ${f.backlog_seconds} s; until processed ${f.cpu_ms_per_event_processed} + PostgreSQL ${f.pg_cpu_ms_per_event_processed ?? '–'} CPU ms/event\n`,
        );
      }
      if (BURST > 0) {
        // The burst's own peak, from its start: not the workloads' before it (booking's).
        app.resetPeak();
        const appStartRss = app.rssMb();
        const appBurst: Record<string, number> = await burst(app);
        appBurst.rss_at_start_mb = appStartRss;
        appBurst.peak_rss_mb = app.peakRssMb();
        resetPeakOf(floor.pid);
        const floorStartRss = peakRssOf(floor.pid);
        const floorBurst: Record<string, number> = await burst(floor, true);
        floorBurst.rss_at_start_mb = floorStartRss;
        floorBurst.peak_rss_mb = peakRssOf(floor.pid);
        bursts[label] = {
          app: appBurst,
          floor: floorBurst,
          drain_ratio_app_over_floor: Number(
            (appBurst.drained_seconds / floorBurst.drained_seconds).toFixed(2),
          ),
        };
        process.stdout.write(`  ${label} burst: ${JSON.stringify(bursts[label])}\n`);
      }
      if (RUN_AUDIO) {
        audio[label] = await audioMemory(app);
        process.stdout.write(`  ${label} 30 MB audio: ${JSON.stringify(audio[label])}\n`);
      }
    } finally {
      await app.stop();
    }
  } finally {
    await floor.stop();
    rmSync(floorDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const databaseName = (url?: string) => (url ? new URL(url).pathname.slice(1) : undefined);

/** The floor gets a database of its own, so it never sees the app's rows. */
async function freshSchema(databaseUrl: string): Promise<string> {
  const url = new URL(databaseUrl);
  const name = `${url.pathname.slice(1)}_floor`;
  const admin = new Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  url.pathname = `/${name}`;
  return url.toString();
}

/** Per database and workload: app ÷ floor for req/s and p99, and both backlogs in seconds. */
function ratios(rows: Row[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const app of rows.filter((r) => r.server === 'app')) {
    const floor = rows.find(
      (r) => r.server === 'floor' && r.database === app.database && r.workload === app.workload,
    );
    if (!floor) continue;
    out[`${app.database} · ${app.workload}`] = {
      req_per_s_app_over_floor: Number((app.req_per_s / Math.max(1, floor.req_per_s)).toFixed(2)),
      p99_app_over_floor: Number((app.p99_ms / Math.max(1, floor.p99_ms)).toFixed(2)),
      app_backlog_seconds: app.backlog_seconds,
      floor_backlog_seconds: floor.backlog_seconds,
    };
  }
  return out;
}

function table(rows: Row[]): string {
  const ratio = (row: Row) => {
    if (row.server !== 'app') return '';
    const floor = rows.find(
      (r) => r.server === 'floor' && r.database === row.database && r.workload === row.workload,
    );
    return floor ? (row.req_per_s / floor.req_per_s).toFixed(2) : '–';
  };
  const lines = [
    '| database | server | workload | req/s | p50 ms | p99 ms | non-2xx | errors | peak RSS MB | CPU ms/req | PostgreSQL CPU ms/req | backlog s | app/floor |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows)
    lines.push(
      `| ${r.database} | ${r.server} | ${r.workload} | ${r.req_per_s} | ${r.p50_ms} | ${r.p99_ms} | ${r.non_2xx} | ${r.errors} | ${r.peak_rss_mb ?? '–'} | ${r.cpu_ms_per_req} | ${r.pg_cpu_ms_per_req ?? '–'} | ${r.backlog_seconds} | ${ratio(r)} |`,
    );
  return lines.join('\n');
}

function startupTable(startups: Record<string, StartupFigures>): string {
  const lines = [
    '| database | first start on a machine, ms | fresh data, ms | restart, ms | RSS at ready MB | idle RSS MB (after s) |',
    '|---|---|---|---|---|---|',
  ];
  for (const [database, s] of Object.entries(startups))
    lines.push(
      `| ${database} | ${s.first_start_ready_ms ?? '–'} | ${s.fresh_start_ready_ms} | ${s.restart_ready_ms} | ${s.rss_at_ready_mb} | ${s.idle_rss_mb} (${s.idle_seconds}) |`,
    );
  return lines.join('\n');
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const bursts: Record<string, unknown> = {};
  const audio: Record<string, unknown> = {};
  const startups: Record<string, StartupFigures> = {};
  const loadAtStart = loadavg().map((n) => Number(n.toFixed(1)));
  // The request-path comparison: the app's GET /health against a bare Nest + Express app.
  const health = process.env.BENCH_HEALTH === '0' ? null : await healthVsBareNest();
  process.stdout.write(
    `benchmark: ${CONNECTIONS} connections, ${DURATION} s per workload after ${WARMUP} s warm-up\n`,
  );
  const databases = (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',');
  if (databases.includes('pglite'))
    await runDatabase('embedded (PGlite)', undefined, rows, bursts, audio, startups);
  if (databases.includes('postgres'))
    await withPostgres((url) => runDatabase('PostgreSQL', url, rows, bursts, audio, startups));
  const results = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpu_model: cpus()[0]?.model,
      memory_gb: Math.round(totalmem() / 1024 ** 3),
      node: process.version,
    },
    settings: { connections: CONNECTIONS, seconds: DURATION, warmup_seconds: WARMUP },
    /** The machine is shared: the load average when the run started and ended. */
    load_average: { start: loadAtStart, end: loadavg().map((n) => Number(n.toFixed(1))) },
    ratios: ratios(rows),
    startup: startups,
    workloads: rows,
    burst: bursts,
    audio_30mb: audio,
    /** `GET /health` against a bare Nest + Express app in the same run (the request-path bench). */
    health,
  };
  writeFileSync(join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(
    `\n${startupTable(startups)}\n\n${table(rows)}\n\nratios app ÷ floor:\n${JSON.stringify(ratios(rows), null, 2)}\n\nburst of ${BURST} sync events at ${BURST_CONNECTIONS} connections:\n${JSON.stringify(bursts, null, 2)}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
