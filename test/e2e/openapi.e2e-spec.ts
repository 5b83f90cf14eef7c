// The committed openapi.json (and the plugin metadata it is built from) must match the code:
// regenerate both with `npm run openapi`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateMetadata } from '../../tools/swagger-metadata';
import { renderOpenApi } from '../../tools/openapi';
import { REPO_ROOT as root } from '../../tools/paths';

/**
 * Whitespace-free, with enum lists sorted: the plugin writes a union type's members in an order
 * that depends on TypeScript's internal type ids, which differ from one run to the next.
 */
const squash = (text: string) =>
  text
    .replace(/\s+/g, '')
    .replace(
      /enum:\[([^\]]*)\]/g,
      (_all, items: string) => `enum:[${items.split(',').sort().join(',')}]`,
    );

describe('openapi.json', () => {
  it('src/metadata.ts is what the swagger plugin makes of the DTOs today', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hoc-metadata-'));
    try {
      generateMetadata(dir);
      expect(squash(readFileSync(join(root, 'src', 'metadata.ts'), 'utf8'))).toBe(
        squash(readFileSync(join(dir, 'metadata.ts'), 'utf8')),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is up to date with the controllers and DTOs', async () => {
    const committed = readFileSync(join(root, 'openapi.json'), 'utf8');
    expect(JSON.parse(committed)).toEqual(JSON.parse(await renderOpenApi()));
  });
});
