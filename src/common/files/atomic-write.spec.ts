import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { directoriesToSync, writeFileAtomic } from './atomic-write';

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

  describe('directoriesToSync', () => {
    it("syncs only the file's directory when it already existed", () => {
      expect(directoriesToSync('/p/conv', undefined)).toEqual(['/p/conv']);
    });

    it('also syncs the parent that holds a newly created directory', () => {
      expect(directoriesToSync('/p/conv', '/p/conv')).toEqual(['/p/conv', '/p']);
    });

    it('syncs the parent of every level mkdir created', () => {
      expect(directoriesToSync('/p/a/b', '/p/a')).toEqual(['/p/a/b', '/p/a', '/p']);
    });
  });
});
