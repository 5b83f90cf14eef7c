// One server per embedded DATA_DIR, as real processes: a second `dist/main.js` on the same
// directory exits with the directory and the holder's pid, and the first keeps serving.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../support/app-process';
import { processEnv } from '../support/postgres';

describe('one server per embedded DATA_DIR, as processes (integration)', () => {
  it('a second server on the same DATA_DIR exits, naming the directory and the holder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hoc-it-lock-'));
    const embedded = { ...processEnv(''), DATA_DIR: dataDir };
    delete (embedded as Record<string, string | undefined>).DATABASE_URL;
    const first = await startApp(0, embedded);
    try {
      const second = spawn(process.execPath, [join(__dirname, '..', '..', 'dist', 'main.js')], {
        env: { ...process.env, ...embedded, PORT: '0', HOST: '127.0.0.1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      second.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
      expect(code).toBe(1);
      expect(stderr).toContain(
        `${join(dataDir, 'pglite')} is in use by another server (pid ${first.pid} `,
      );
      // The first one is unharmed.
      expect((await fetch(`${first.url}/health/ready`)).status).toBe(200);
    } finally {
      await first.stop();
    }
  });
});
