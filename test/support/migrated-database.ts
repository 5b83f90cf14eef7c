// A data directory with the embedded database already migrated, copied for each test app.
// An app on an empty directory spends ~1.5 s of CPU applying the migrations and pg-boss's schema
// on PGlite; a copy of a directory where that was done once boots in a third of it. The copy is
// built once per version of the migrations and of the installed packages, by booting the real app on it,
// so what the tests start from is exactly what a first start leaves behind.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoPath } from '../../tools/paths';
import { SCRATCH_ROOT, scratchDir } from './scratch';

const MIGRATIONS = repoPath('src', 'database', 'migrations');

function versionKey(): string {
  const hash = createHash('sha256');
  // The installed versions of PGlite and pg-boss, and the migrations.
  hash.update(readFileSync(repoPath('package-lock.json')));
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(entry.name).update(readFileSync(path));
    }
  };
  walk(MIGRATIONS);
  return hash.digest('hex').slice(0, 16);
}

let template: Promise<string> | undefined;

/**
 * The migrated directory, built with `boot` (which starts and closes an app on the given
 * directory) when this version has none yet. Jest workers may race; the first rename wins.
 */
export function migratedTemplate(boot: (dataDir: string) => Promise<void>): Promise<string> {
  template ??= (async () => {
    const final = join(SCRATCH_ROOT, `hoc-test-database-${versionKey()}`);
    if (existsSync(join(final, 'pglite', 'PG_VERSION'))) return final;
    const scratch = scratchDir('hoc-test-database-build-');
    try {
      await boot(scratch);
      renameSync(scratch, final);
    } catch (error) {
      rmSync(scratch, { recursive: true, force: true });
      if (!existsSync(join(final, 'pglite', 'PG_VERSION'))) throw error;
    }
    return final;
  })();
  return template;
}

/** A new data directory holding a copy of the migrated database. */
export async function migratedDataDir(boot: (dataDir: string) => Promise<void>): Promise<string> {
  const source = await migratedTemplate(boot);
  const dir = scratchDir('hoc-test-');
  cpSync(source, dir, { recursive: true });
  return dir;
}
