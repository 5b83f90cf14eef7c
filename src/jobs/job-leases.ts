// Fast hand-over of a crashed replica's jobs. pg-boss hands a job out again only once it has
// been active longer than its `expire_in`, which therefore had to cover the slowest run (60 to
// 120 s: a crash left its jobs waiting that long). Here, as soon as a batch is fetched, its
// jobs' `expire_in` is cut to a short lease that the replica running them renews while the
// handler works; a replica that dies stops renewing, and the sweep that every replica runs
// hands the jobs out again. (pg-boss still times the handler out at the queue's full
// `expireInSeconds`, read at fetch time: the maximum run time.)
//
// The bound, documented in the README: a dead replica's job is active again (state `retry`)
// within LEASE_SECONDS + SWEEP_INTERVAL_MS (≤ 10 s), then waits its queue's retry delay (2 s on
// the first retry of sync and booking jobs) and is fetched within the polling interval (0.5 s).
// A handler running longer than its queue's maximum run time stops being renewed and is handed
// out again too, so a hung handler cannot hold a job for ever. Handlers are idempotent (events
// carry their state), so a job run twice has its effect once.
import type { SqlExecutor } from '../database/sql-executor';

/** Life of a lease that is not renewed. */
export const LEASE_SECONDS = 8;
/** Renewal period while a handler runs: three renewals can fail before the lease lapses. */
export const RENEW_INTERVAL_MS = 2000;
/** How often each replica expires lapsed leases. */
export const SWEEP_INTERVAL_MS = 2000;

const RENEW_SQL = `
  UPDATE pgboss.job
  SET expire_in = LEAST(
    make_interval(secs => $3::int),
    (now() - started_on) + make_interval(secs => $4::int)
  )
  WHERE name = $1 AND id = ANY($2::uuid[]) AND state = 'active'`;

/**
 * Keeps renewing the leases of `ids` until the returned function is called; a job is never
 * renewed past `maxRunSeconds` after it started.
 */
export function holdLeases(
  executor: SqlExecutor,
  queue: string,
  ids: string[],
  maxRunSeconds: number,
  onError: (error: Error) => void,
): () => void {
  const renew = () =>
    executor
      .executeSql(RENEW_SQL, [queue, ids, maxRunSeconds, LEASE_SECONDS])
      .catch((error: Error) => onError(error));
  void renew();
  const timer = setInterval(() => void renew(), RENEW_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
