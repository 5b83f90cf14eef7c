// The committed openapi.json must match the code: regenerate with `npm run openapi`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderOpenApi } from '../support/openapi';

describe('openapi.json', () => {
  it('is up to date with the controllers and DTOs', async () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8');
    const current = await renderOpenApi();
    expect(JSON.parse(committed)).toEqual(JSON.parse(current));
  });
});
