// The embedded database runs on the main thread, and PGlite never returns from a write the disk
// refuses (DATA_DIR turned read-only after an I/O error, or full): PostgreSQL spins in
// XLogFlush, the event loop stops, nothing answers, not even /health, and SIGTERM is never
// handled. A worker thread watches a heartbeat of the main thread; when it has stopped for
// STALL_MS and a probe write to the database directory fails, the worker writes one line naming
// the problem and ends the process with SIGKILL (nothing else can run), so the supervisor
// restarts it. Start-up then refuses clearly while the directory is unwritable (data-dir-check.ts)
// and, once it is writable again, PostgreSQL's crash recovery brings back every acknowledged
// write (all of them were fsynced: durable-nodefs.ts). A main thread that is merely busy, with a
// writable disk, is left alone.
import { Worker } from 'node:worker_threads';

const HEARTBEAT_MS = 500;
/** Far above the longest legitimate block of the main thread (a 50 MB audio body: ~1 s). */
export const STALL_MS = 10_000;

// Plain JavaScript run by the worker (eval: no build step, works the same from src and dist).
const WATCHDOG_SOURCE = `
const { workerData } = require('node:worker_threads');
const { rmSync, writeFileSync, writeSync } = require('node:fs');
const { join } = require('node:path');
const beat = new BigInt64Array(workerData.heartbeat);
const UNWRITABLE = new Set(['EROFS', 'ENOSPC', 'EDQUOT', 'EIO', 'EACCES', 'EPERM']);
setInterval(() => {
  const stalledMs = Date.now() - Number(Atomics.load(beat, 0));
  if (stalledMs < workerData.stallMs) return;
  const probe = join(workerData.dir, '.stall-probe');
  try {
    writeFileSync(probe, 'ok');
    rmSync(probe, { force: true });
  } catch (error) {
    if (!UNWRITABLE.has(error.code)) return;
    writeSync(2, 'FATAL: the embedded database at ' + workerData.dir + ' stopped: the directory refuses writes (' +
      error.code + ') and the server has not answered for ' + Math.round(stalledMs / 1000) +
      ' s. Ending the process (SIGKILL) so it is restarted; it starts again once the directory is writable ' +
      '(remount it read-write after a file-system check, or free space), with every acknowledged write.\\n');
    process.kill(process.pid, 'SIGKILL');
  }
}, 1000);
`;

export interface StallWatchdog {
  stop(): Promise<void>;
}

/** Starts watching the main thread while the embedded database at `dir` is open. */
export function watchEmbeddedDatabase(dir: string, stallMs = STALL_MS): StallWatchdog {
  const heartbeat = new SharedArrayBuffer(8);
  const beat = new BigInt64Array(heartbeat);
  const tick = () => Atomics.store(beat, 0, BigInt(Date.now()));
  tick();
  const timer = setInterval(tick, HEARTBEAT_MS);
  timer.unref();
  const worker = new Worker(WATCHDOG_SOURCE, {
    eval: true,
    workerData: { heartbeat, dir, stallMs },
  });
  worker.unref();
  return {
    async stop() {
      clearInterval(timer);
      await worker.terminate();
    },
  };
}
