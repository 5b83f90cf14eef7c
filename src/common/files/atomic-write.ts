// Durable file writes: temp file in the same directory, fsync, rename over the target, fsync
// the directory, and the parent of every directory this write created (a new directory's name
// lives in its parent; without that fsync a power cut can lose the whole directory). A reader
// sees the old file or the whole new one, never a torn write.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function writeFileAtomic(path: string, data: Buffer | string): Promise<void> {
  const dir = dirname(path);
  const firstCreated = await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'w', 0o640);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  for (const directory of directoriesToSync(dir, firstCreated)) await syncDirectory(directory);
}

/**
 * The directories whose entries the write changed: `dir` (the renamed file) and, when mkdir
 * created `firstCreated` and everything below it down to `dir`, the parent of each of those.
 */
export function directoriesToSync(dir: string, firstCreated: string | undefined): string[] {
  const directories = [dir];
  if (!firstCreated) return directories;
  for (let created = dir; created !== dirname(firstCreated); created = dirname(created)) {
    directories.push(dirname(created));
  }
  return directories;
}

async function syncDirectory(path: string): Promise<void> {
  const directory = await open(path, 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}
