// The committed openapi.json must match the app: regenerate it with `npm run openapi`.
// (That src/metadata.ts, which the app reads, matches the DTOs is `npm run check:generated`.)
import { readFileSync } from 'node:fs';
import { renderOpenApi } from '../../tools/openapi';
import { repoPath } from '../../tools/paths';

describe('openapi.json', () => {
  it('is up to date with the controllers and DTOs', async () => {
    const committed = readFileSync(repoPath('openapi.json'), 'utf8');
    expect(JSON.parse(committed)).toEqual(JSON.parse(await renderOpenApi()));
  });
});
