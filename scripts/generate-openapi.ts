// Writes openapi.json from the running module graph (no server, no database needed beyond
// an in-memory boot), so API changes show in review. `npm test` fails when it is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderOpenApi } from '../test/support/openapi';

async function main(): Promise<void> {
  const text = await renderOpenApi();
  writeFileSync(join(__dirname, '..', 'openapi.json'), text);
  process.stdout.write(`openapi.json written (${text.length} bytes)\n`);
}

void main();
