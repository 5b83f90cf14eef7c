// The embedded database needs a writable DATA_DIR before it opens anything: PGlite started on a
// read-only or full disk fails deep inside (or stalls, stall-watchdog.ts). So start-up probes it
// first and refuses in one line that names the directory and what to do.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirUnwritableError extends Error {
  constructor(
    readonly dir: string,
    readonly code: string,
  ) {
    super(
      `DATA_DIR ${dir} refuses writes (${code}): the embedded database cannot start on it. ` +
        'Make it writable (remount it read-write after a file-system check, or free space) and start again; nothing was changed.',
    );
    this.name = 'DataDirUnwritableError';
  }
}

const UNWRITABLE = new Set(['EROFS', 'ENOSPC', 'EDQUOT', 'EIO', 'EACCES', 'EPERM']);

/** Throws DataDirUnwritableError when a small file cannot be written in `dir`. */
export function assertDataDirWritable(dir: string): void {
  const probe = join(dir, `.start-probe-${process.pid}`);
  try {
    writeFileSync(probe, 'ok');
    rmSync(probe, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    if (UNWRITABLE.has(code)) throw new DataDirUnwritableError(dir, code);
    throw error;
  }
}
