// The burst: BURST Supabase events over BURST_CONNECTIONS connections at once, timed from the
// first request to the last acknowledgement (accepts/s, p50/p99 per request) and on until every
// event is processed (drain time, processing lag per event).
import type { AppProcess } from '../support/app-process';
import { SECRETS, supabaseInsert } from './workloads';

export const BURST = Number(process.env.BENCH_BURST ?? 10_000);
export const BURST_CONNECTIONS = Number(process.env.BENCH_BURST_CONNECTIONS ?? 100);

/** Events stored but not yet processed: the app's stats, or the floor's GET /backlog. */
export async function backlog(url: string, floor = false): Promise<number> {
  if (floor) return ((await (await fetch(`${url}/backlog`)).json()) as { n: number }).n;
  const stats = (await (
    await fetch(`${url}/api/v1/webhooks/stats`, {
      headers: { Authorization: `Bearer ${SECRETS.api}` },
    })
  ).json()) as { queued: number };
  return stats.queued;
}

/**
 * Sends BURST sync events over BURST_CONNECTIONS connections, then waits until every one is
 * processed; times both and each request. `floor`: against the group-commit floor, which has no
 * event log to read processing lags from.
 */
export async function burst(
  app: Pick<AppProcess, 'url'>,
  floor = false,
): Promise<Record<string, number>> {
  const drained = async () => {
    while ((await backlog(app.url, floor)) > 0)
      await new Promise((resolve) => setTimeout(resolve, 100));
  };
  await drained();
  const started = Date.now();
  let sent = 0;
  let accepted = 0;
  const latencies: number[] = [];
  const worker = async () => {
    while (sent < BURST) {
      sent += 1;
      const { body, headers } = supabaseInsert();
      const at = performance.now();
      const res = await fetch(`${app.url}/api/v1/webhooks/supabase`, {
        method: 'POST',
        body,
        headers,
      });
      await res.arrayBuffer();
      latencies.push(performance.now() - at);
      if (res.status === 202) accepted += 1;
    }
  };
  await Promise.all(Array.from({ length: BURST_CONNECTIONS }, worker));
  const acceptSeconds = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const latency = (p: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]);
  const auth = { Authorization: `Bearer ${SECRETS.api}` };
  await drained();
  const drainSeconds = (Date.now() - started) / 1000;
  const accepts = {
    events: BURST,
    connections: BURST_CONNECTIONS,
    accepted,
    accept_seconds: acceptSeconds,
    accept_per_s: Math.round(accepted / acceptSeconds),
    accept_p50_ms: latency(50),
    accept_p99_ms: latency(99),
    drained_seconds: drainSeconds,
  };
  if (floor) return accepts;
  const lags: number[] = [];
  let cursor: number | null = null;
  do {
    const page = (await (
      await fetch(
        `${app.url}/api/v1/webhooks/events?source=supabase&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
        { headers: auth },
      )
    ).json()) as {
      data: {
        items: { received_at: string; processed_at: string | null; status: string }[];
        next_cursor: number | null;
      };
    };
    for (const item of page.data.items) {
      // Only this burst's events: earlier workloads' events are in the same log.
      if (item.processed_at && Date.parse(item.received_at) >= started - 1000)
        lags.push(Date.parse(item.processed_at) - Date.parse(item.received_at));
    }
    if (page.data.items.some((item) => Date.parse(item.received_at) < started - 1000)) break;
    cursor = page.data.next_cursor;
  } while (cursor);
  lags.sort((a, b) => a - b);
  const pct = (p: number) =>
    lags[Math.min(lags.length - 1, Math.floor((p / 100) * lags.length))] ?? 0;
  return {
    ...accepts,
    processed: lags.length,
    lag_p50_ms: pct(50),
    lag_p95_ms: pct(95),
  };
}
