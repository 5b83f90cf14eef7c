// The initdb template lives beside the installed packages, not in /tmp: containers mount a
// fresh /tmp (the k8s scratch volume), which would hide the template baked into the image.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensurePgliteTemplate } from './pglite-init';

describe('embedded database template', () => {
  it('is prepared under node_modules/.cache and is an initialised data directory', async () => {
    const template = await ensurePgliteTemplate();
    expect(template.startsWith(resolve(__dirname, '../../node_modules/.cache/'))).toBe(true);
    expect(existsSync(join(template, 'PG_VERSION'))).toBe(true);
  }, 120_000);
});
