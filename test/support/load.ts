// Small load helpers for the multi-process suites: fire signed Supabase events concurrently and
// remember which ones were acknowledged.
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

/** Sends `ids` with `concurrency` parallel senders, round-robin over `urls`. Never throws. */
export async function fireSupabase(
  urls: string[],
  table: string,
  ids: string[],
  concurrency = 16,
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
