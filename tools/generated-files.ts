// Whether the committed src/metadata.ts is what the @nestjs/swagger plugin makes of the DTOs
// today. It runs the TypeScript compiler over src (~10 s of CPU), so it is a static check of
// `npm run check` and .ci/run (`npm run check:generated`), beside lint and typecheck, rather
// than a test; the e2e suite compares openapi.json with the app, which reads this file.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoPath } from './paths';
import { generateMetadata } from './swagger-metadata';

/**
 * Whitespace-free, with enum lists sorted: the plugin writes a union type's members in an order
 * that depends on TypeScript's internal type ids, which differ from one run to the next.
 */
export const squash = (text: string): string =>
  text
    .replace(/\s+/g, '')
    .replace(
      /enum:\[([^\]]*)\]/g,
      (_all, items: string) => `enum:[${items.split(',').sort().join(',')}]`,
    );

/** True when src/metadata.ts matches a fresh generation (formatting and enum order aside). */
export function metadataIsCurrent(): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'hoc-metadata-'));
  try {
    generateMetadata(dir);
    return (
      squash(readFileSync(repoPath('src', 'metadata.ts'), 'utf8')) ===
      squash(readFileSync(join(dir, 'metadata.ts'), 'utf8'))
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
