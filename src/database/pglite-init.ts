// What keeps the embedded database small. A fresh PGlite data directory costs an initdb, which
// leaves the WebAssembly heap of the process that ran it at ~800 MB for good. So initdb runs once,
// in a short-lived child process, into a template directory per PGlite version; new data
// directories are copies of it.
import { execFile } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';

/** Small buffers: this database serves one process; the defaults would pin ~200 MB (8 MB of shared buffers instead of 16 took idle RSS from ~207 to ~200 MB). */
export const PGLITE_CONF = [
  'shared_buffers=8MB',
  'wal_buffers=1MB',
  'work_mem=4MB',
  'maintenance_work_mem=16MB',
  // fdatasync is a no-op in PGlite's WebAssembly build; fsync reaches the disk (durable-nodefs.ts).
  'wal_sync_method=fsync',
];

/** The initdb child compiles PGlite on V8's baseline compiler, as the server does (node-flags.ts). */
const LIFTOFF_ONLY = '--liftoff-only';

const CHILD_SCRIPT = `
const { PGlite } = require(process.argv[1]);
PGlite.create(process.argv[2], { postgresqlconf: JSON.parse(process.argv[3]) })
  .then((db) => db.close())
  .catch((error) => { console.error(error); process.exit(1); });
`;

/** The installed PGlite's version (its package.json is not exported, so found beside its entry). */
function pgliteVersion(): string {
  let dir = dirname(require.resolve('@electric-sql/pglite'));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string })
    .version;
}

async function buildTemplate(template: string): Promise<void> {
  const scratch = `${template}.${process.pid}.${Date.now()}`;
  mkdirSync(scratch, { recursive: true });
  try {
    await promisify(execFile)(
      process.execPath,
      [
        LIFTOFF_ONLY,
        '-e',
        CHILD_SCRIPT,
        require.resolve('@electric-sql/pglite'),
        scratch,
        JSON.stringify(PGLITE_CONF),
      ],
      { timeout: 120_000 },
    );
    try {
      renameSync(scratch, template);
    } catch {
      // Another process built it first; theirs is as good as ours.
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Where templates live: beside the installed packages (node_modules/.cache, prepared by
 * `npm start` and baked into the Docker image), else the temp directory when node_modules is
 * read-only. Not /tmp first: containers mount a fresh, empty /tmp, which would hide the image's.
 */
function templateDirs(): string[] {
  let dir = dirname(require.resolve('@electric-sql/pglite'));
  while (basename(dir) !== 'node_modules' && dirname(dir) !== dir) dir = dirname(dir);
  const name = `hoc-webhooks-pglite-${pgliteVersion()}`;
  const beside = basename(dir) === 'node_modules' ? [join(dir, '.cache', name)] : [];
  return [...beside, join(tmpdir(), name)];
}

/** The initdb template of the installed PGlite, built (in a child process) when missing. */
export async function ensurePgliteTemplate(): Promise<string> {
  let lastError: unknown;
  for (const template of templateDirs()) {
    if (existsSync(join(template, 'PG_VERSION'))) return template;
    try {
      await buildTemplate(template);
      return template;
    } catch (error) {
      lastError = error; // not writable here: try the next place
    }
  }
  throw lastError;
}

/** Makes `dir` an initialised PGlite data directory, without running initdb in this process. */
export async function ensurePgliteDataDir(dir: string): Promise<void> {
  if (existsSync(join(dir, 'PG_VERSION'))) return;
  const template = await ensurePgliteTemplate();
  mkdirSync(dirname(dir), { recursive: true });
  // On disk before PostgreSQL starts on it, and under its name only when whole: a crash or power
  // cut during the copy leaves a scratch directory, never a data directory missing files.
  const scratch = `${dir}.copying`;
  rmSync(scratch, { recursive: true, force: true });
  cpSync(template, scratch, { recursive: true });
  syncTree(scratch);
  renameSync(scratch, dir);
  syncPath(dirname(dir));
}

function syncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** fsync every file and directory under `dir` (what `initdb --sync-only` does). */
function syncTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) syncTree(path);
    else if (entry.isFile()) syncPath(path);
  }
  syncPath(dir);
}
