// Where tests put scratch directories (each app's embedded database, the migrated template):
// tmpfs when the machine has room there, else the temp directory (TMPDIR). A fresh PGlite
// directory is ~40 MB in 1,200 files: writing it costs ~1 s of system time on this machine's
// virtual disk and ~0.05 s on tmpfs, and every later write of the database is cheaper too.
// Nothing a test asserts depends on the medium; the benchmark measures on the real disk.
import { accessSync, constants, mkdtempSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TMPFS = '/dev/shm';
const MIN_FREE_BYTES = 4 * 1024 ** 3;

function roomyAndWritable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize >= MIN_FREE_BYTES;
  } catch {
    return false;
  }
}

/** The parent of the tests' scratch directories; TEST_SCRATCH_DIR overrides it. */
export const SCRATCH_ROOT =
  process.env.TEST_SCRATCH_DIR ?? (roomyAndWritable(TMPFS) ? TMPFS : tmpdir());

/** A new empty directory under SCRATCH_ROOT. */
export const scratchDir = (prefix: string): string => mkdtempSync(join(SCRATCH_ROOT, prefix));
