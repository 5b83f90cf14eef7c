// A fresh PGlite data directory costs an initdb, which leaves the WebAssembly heap of the process
// that ran it at ~800 MB for good. So initdb runs once, in a short-lived child process, into a
// template directory per PGlite version; new data directories are copies of it.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

/** Small buffers: this database serves one process; the defaults would pin ~200 MB. */
export const PGLITE_CONF = [
  'shared_buffers=16MB',
  'wal_buffers=1MB',
  'work_mem=4MB',
  'maintenance_work_mem=16MB',
];

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

/** Makes `dir` an initialised PGlite data directory, without running initdb in this process. */
export async function ensurePgliteDataDir(dir: string): Promise<void> {
  if (existsSync(join(dir, 'PG_VERSION'))) return;
  const template = join(tmpdir(), `hoc-webhooks-pglite-${pgliteVersion()}`);
  if (!existsSync(join(template, 'PG_VERSION'))) await buildTemplate(template);
  mkdirSync(dirname(dir), { recursive: true });
  cpSync(template, dir, { recursive: true });
}
