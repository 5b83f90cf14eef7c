// Small load helpers for the multi-process suites: fire signed Supabase events concurrently and
// remember which ones were acknowledged.
import { eventually } from './eventually';
import { SYNC_SECRET } from './test-app';

export interface Fired {
  recordId: string;
  status: number | 'error';
}

export function supabaseEvent(table: string, id: string): string {
  return JSON.stringify({
    type: 'INSERT',
    table,
    schema: 'public',
    record: { id, status: 'new', updated_at: '2026-11-20T10:00:00+00:00' },
    old_record: null,
  });
}

/** Counts the acknowledged (2xx) requests of a firing, so a test acts after the Nth, not after a guessed sleep. */
export class Acknowledgements {
  count = 0;

  async reached(n: number, timeoutMs = 60_000): Promise<void> {
    await eventually(async () => this.count >= n, timeoutMs, 5);
  }
}

/** Sends `ids` with `concurrency` parallel senders, round-robin over `urls`. Never throws. */
export async function fireSupabase(
  urls: string[],
  table: string,
  ids: string[],
  concurrency = 16,
  acks?: Acknowledgements,
): Promise<Fired[]> {
  const results: Fired[] = [];
  let next = 0;
  const sender = async (lane: number) => {
    while (next < ids.length) {
      const id = ids[next++];
      const url = urls[(lane + next) % urls.length];
      try {
        const res = await fetch(`${url}/api/v1/webhooks/supabase`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-webhook-secret': SYNC_SECRET },
          body: supabaseEvent(table, id),
        });
        await res.arrayBuffer();
        results.push({ recordId: id, status: res.status });
        if (acks && res.ok) acks.count += 1;
      } catch {
        results.push({ recordId: id, status: 'error' });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, lane) => sender(lane)));
  return results;
}

export const ids = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${i}`);

export interface BurstResult {
  /** Status per request index ('error' when the connection failed). */
  statuses: (number | 'error')[];
  seconds: number;
}

/**
 * Sends `count` requests made by `make(i)` over `concurrency` parallel connections, to `url` or
 * to the `url` that `make` names.
 */
export async function burst(
  url: string,
  count: number,
  concurrency: number,
  make: (i: number) => { body: string; headers: Record<string, string>; url?: string },
): Promise<BurstResult> {
  const statuses: (number | 'error')[] = new Array(count);
  let next = 0;
  const started = Date.now();
  const sender = async () => {
    while (next < count) {
      const i = next++;
      const request = make(i);
      try {
        const res = await fetch(request.url ?? url, {
          method: 'POST',
          headers: request.headers,
          body: request.body,
        });
        await res.arrayBuffer();
        statuses[i] = res.status;
      } catch {
        statuses[i] = 'error';
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, sender));
  return { statuses, seconds: (Date.now() - started) / 1000 };
}

/** Counts of each status, e.g. { 202: 10000 }. */
export function tally(statuses: (number | 'error')[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}
