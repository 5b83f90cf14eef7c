// Renders the OpenAPI document exactly as /docs-json serves it, for the committed openapi.json.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOpenApiDocument } from '../../src/bootstrap/swagger';
import { startTestApp } from './test-app';

export async function renderOpenApi(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hoc-openapi-'));
  const t = await startTestApp({ DATA_DIR: dataDir });
  try {
    const document = await buildOpenApiDocument(t.app);
    return `${JSON.stringify(document, null, 2)}\n`;
  } finally {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
