// PostgreSQL PANICs when it cannot make its WAL durable, e.g. an fsync that fails with EIO once
// the file system under DATA_DIR has turned read-only. The embedded database is dead from then
// on, and the PANIC surfaced as a rejected query: where nothing awaited it (pg-boss settles jobs
// without awaiting) it ended the process with a stack trace instead of the one line an operator
// needs (the read-only DATA_DIR e2e test, about one run in ten; the other runs stall in XLogFlush
// and the stall watchdog ends them). A PANIC from any statement now ends the process the same
// way as the watchdog: one line naming the directory and why, then SIGKILL, so the supervisor
// restarts it and PostgreSQL's crash recovery brings back every acknowledged write.
import { rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Errors of a write that mean the directory refuses writes, as the stall watchdog reads them. */
const UNWRITABLE = new Set(['EROFS', 'ENOSPC', 'EDQUOT', 'EIO', 'EACCES', 'EPERM']);

export const isPanic = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'severity' in error && error.severity === 'PANIC';

/** The code of a failed probe write to `dir`, or undefined when it is writable. */
function probeWrite(dir: string): string | undefined {
  const probe = join(dir, '.panic-probe');
  try {
    writeFileSync(probe, 'ok');
    rmSync(probe, { force: true });
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    return UNWRITABLE.has(code) ? code : undefined;
  }
}

/** The line written before the process ends. */
export function panicLine(dir: string, error: Error, refusedWith?: string): string {
  const cause = refusedWith ? `the directory refuses writes (${refusedWith}): ` : '';
  const restart = refusedWith
    ? 'it starts again once the directory is writable (remount it read-write after a file-system check, or free space)'
    : 'it starts again at once';
  return (
    `FATAL: the embedded database at ${dir} stopped: ${cause}${error.message}. Ending the ` +
    `process (SIGKILL) so it is restarted; ${restart}, with every acknowledged write.\n`
  );
}

export interface PanicExit {
  probe(dir: string): string | undefined;
  write(line: string): void;
  kill(): void;
}

const PROCESS_EXIT: PanicExit = {
  probe: probeWrite,
  write: (line) => writeSync(2, line),
  kill: () => process.kill(process.pid, 'SIGKILL'),
};

type Method = 'query' | 'exec' | 'transaction';

/**
 * Wraps the client's statement methods (drizzle and pg-boss reach the database only through
 * these): a PANIC ends the process; any other error passes through unchanged.
 */
export function endProcessOnPanic<T extends Record<Method, (...args: never[]) => Promise<unknown>>>(
  client: T,
  dir: string,
  exit: PanicExit = PROCESS_EXIT,
): void {
  for (const method of ['query', 'exec', 'transaction'] as const) {
    const original = client[method].bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as Record<Method, unknown>)[method] = async (...args: unknown[]) => {
      try {
        return await original(...args);
      } catch (error) {
        if (isPanic(error)) {
          exit.write(panicLine(dir, error as Error, exit.probe(dir)));
          exit.kill();
        }
        throw error;
      }
    };
  }
}
