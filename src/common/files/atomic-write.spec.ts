import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write';

describe('writeFileAtomic', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates missing directories and writes the exact bytes', async () => {
    const bytes = Buffer.from([0, 1, 2, 255, 254]);
    await writeFileAtomic(join(dir, 'a', 'b', 'file.bin'), bytes);
    expect(readFileSync(join(dir, 'a', 'b', 'file.bin'))).toEqual(bytes);
  });

  it('replaces an existing file and leaves no temp file behind', async () => {
    const target = join(dir, 'replace.json');
    await writeFileAtomic(target, '{"v":1}');
    await writeFileAtomic(target, '{"v":2}');
    expect(readFileSync(target, 'utf8')).toBe('{"v":2}');
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
