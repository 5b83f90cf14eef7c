// Where a request's CPU goes, layer by layer: the built app under --cpu-prof answers `GET /health`
// and the Supabase webhook for a few seconds each; the profile's samples are then attributed to
// the innermost request-path layer on their stack (helmet, request id, metrics, access log,
// body parsing, guards, validation, …). The figures in docs/request-path.md come from here.
// Usage: npm run build && node -r @swc-node/register test/bench/request-path-profile.ts
import autocannon from 'autocannon';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../support/app-process';
import { autocannonRequests, SECRETS, WORKLOADS } from './workloads';

/** Function names → layer; the first match from the leaf up wins. */
const LAYERS: [RegExp, string][] = [
  [/helmet|contentSecurityPolicy|strictTransportSecurity|xContentTypeOptions/i, 'helmet'],
  [/requestIdMiddleware|randomUUID/, 'request id'],
  [/httpMetrics|startTimer|observe|countFinished/, 'metrics'],
  [/accessLog|loggableUrl|\bLOG\b|asJson|sonic|write$/, 'access log (pino)'],
  [/bodyParsing|jsonParser|rawJson|collectRawBody|assertJsonShape|parse$/, 'body parsing'],
  [/requestContextMiddleware/, 'request context (ALS)'],
  [/AuthGuard|verify|timingSafeEqual|createHmac/i, 'auth guard'],
  [/Throttler|throttle/i, 'throttler guard'],
  [/StorageGuard/, 'storage guard'],
  [/ValidationPipe|validate|transform|plainToInstance/i, 'validation pipe'],
];

function layerOf(names: string[]): string {
  for (const name of names)
    for (const [pattern, layer] of LAYERS) if (pattern.test(name)) return layer;
  return 'other (Nest, Express, handler, database, GC)';
}

interface Node {
  id: number;
  callFrame: { functionName: string };
  children?: number[];
}

/** Samples after `skipMs` (start-up is not the request path) attributed to layers, in ms. */
function attribute(profilePath: string, skipMs: number): Record<string, number> {
  const profile = JSON.parse(readFileSync(profilePath, 'utf8')) as {
    nodes: Node[];
    samples: number[];
    timeDeltas: number[];
  };
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const totals: Record<string, number> = {};
  let elapsedMs = 0;
  profile.samples.forEach((id, i) => {
    elapsedMs += profile.timeDeltas[i] / 1000;
    if (elapsedMs < skipMs) return;
    const names: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
      names.push(byId.get(at)?.callFrame.functionName ?? '');
    if (names[0] === '(idle)' || names[0] === '(program)') return;
    const layer = layerOf(names);
    totals[layer] = (totals[layer] ?? 0) + profile.timeDeltas[i] / 1000;
  });
  return totals;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hoc-prof-'));
  const profDir = mkdtempSync(join(tmpdir(), 'hoc-prof-out-'));
  const workload = WORKLOADS.find((w) => w.name.includes('Supabase'));
  const app = await startApp(
    0,
    {
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      EMBEDDED_DATABASE: 'true',
      API_TOKENS: SECRETS.api,
      ELEVENLABS_WEBHOOK_SECRETS: SECRETS.elevenlabs,
      SYNC_WEBHOOK_SECRET: SECRETS.sync,
      LINK_SECRET: 'bench-link-secret',
      BOOKING_WEBHOOK_SECRET: SECRETS.booking,
      LOG_LEVEL: 'info',
    },
    ['--cpu-prof', `--cpu-prof-dir=${profDir}`],
  );
  const health = await autocannon({ url: `${app.url}/health`, connections: 32, duration: 5 });
  const hooks = workload
    ? await autocannon({
        url: app.url,
        connections: 32,
        duration: 5,
        requests: autocannonRequests(workload),
      })
    : undefined;
  await app.stop();
  const [file] = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile'));
  const totals = attribute(join(profDir, file), app.readyMs + 500);
  const requests = health.requests.total + (hooks?.requests.total ?? 0);
  process.stdout.write(`${requests} requests (${health.requests.total} /health)\n`);
  for (const [layer, ms] of Object.entries(totals).sort((a, b) => b[1] - a[1]))
    process.stdout.write(
      `${layer.padEnd(48)} ${ms.toFixed(0).padStart(7)} ms  ${((ms / requests) * 1000).toFixed(1)} µs/req\n`,
    );
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(profDir, { recursive: true, force: true });
}

void main();
