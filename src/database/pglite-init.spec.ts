// The initdb template lives beside the installed packages, not in /tmp: containers mount a
// fresh /tmp (the k8s scratch volume), which would hide the template baked into the image.
import { existsSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensurePgliteTemplate } from './pglite-init';

describe('embedded database template', () => {
  it('is prepared under node_modules/.cache and is an initialised data directory', async () => {
    const template = await ensurePgliteTemplate();
    // Real paths: node_modules may be a symlink (a second worktree sharing one install).
    const cache = join(realpathSync(resolve(__dirname, '../../node_modules')), '.cache');
    expect(realpathSync(template).startsWith(`${cache}/`)).toBe(true);
    expect(existsSync(join(template, 'PG_VERSION'))).toBe(true);
  }, 120_000);
});
