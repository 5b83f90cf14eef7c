// Writes openapi.json from the module graph (Nest's preview mode: no server, no database), so
// API changes show in review. `npm test` fails when it is stale.
import { writeFileSync } from 'node:fs';
import { renderOpenApi } from '../tools/openapi';
import { repoPath } from '../tools/paths';

async function main(): Promise<void> {
  const text = await renderOpenApi();
  writeFileSync(repoPath('openapi.json'), text);
  process.stdout.write(`openapi.json written (${text.length} bytes)\n`);
}

void main();
