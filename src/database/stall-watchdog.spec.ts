// The watchdog ends the process only when the main thread has stopped AND the database directory
// refuses writes (the stalled-PGlite case, staged in test/e2e/data-dir-read-only.e2e-spec.ts). A
// main thread that is merely busy for longer than the stall limit, on a writable disk, lives on.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('embedded database stall watchdog', () => {
  it('leaves a main thread that is busy past the limit alone while the directory is writable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hoc-watchdog-'));
    try {
      // A child process: if the watchdog fired wrongly, it would kill the test runner instead.
      const script = `
        const { watchEmbeddedDatabase } = require(${JSON.stringify(join(__dirname, 'stall-watchdog.ts'))});
        const watchdog = watchEmbeddedDatabase(${JSON.stringify(dir)}, 300);
        // Give the worker time to start, then block the main thread for 5 times the limit.
        setTimeout(() => {
          const until = Date.now() + 1500;
          while (Date.now() < until);
          setTimeout(() => watchdog.stop().then(() => console.log('survived')), 1200);
        }, 500);
      `;
      const output = execFileSync(
        process.execPath,
        ['-r', require.resolve('@swc-node/register'), '-e', script],
        // From the repository root, where @swc-node/register finds tsconfig.json.
        { cwd: join(__dirname, '..', '..') },
      ).toString();
      expect(output).toContain('survived');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
