// DATA_DIR turning read-only while the app runs on the embedded database, staged as it happens
// in production: an ext4 file system (on a loop device, mounted errors=remount-ro) meets an
// error, and the kernel remounts it read-only under the open database files (an operator's
// `mount -o remount,ro` is refused while files are open for writing, so the kernel's emergency
// read-only is the one way this happens at run time). PGlite cannot survive a refused write, so
// the contract is: the process says so in one line and ends (it must not hang forever); while the
// directory stays read-only a restart refuses in one line; after a file-system check and a
// read-write mount it starts with every acknowledged event, and takes writes again.
// Needs root, loop devices and mkfs.ext4 (the CI machine has them); elsewhere it says so, skipped.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { spawnMain, type MainProcess } from '../support/main-process';
import { bearer, eventually, SYNC_SECRET, TEST_TOKEN } from '../support/test-app';

const run = (command: string, args: string[]) =>
  execFileSync(command, args, { stdio: ['ignore', 'pipe', 'ignore'] })
    .toString()
    .trim();

interface Ext4 {
  dir: string;
  /** Makes the kernel meet a file-system error: with errors=remount-ro, it turns read-only. */
  fail(): void;
  /** What an operator does: unmount, check, mount read-write again. */
  repair(): void;
  remove(): void;
}

function mountExt4(sizeMb: number): Ext4 | null {
  const root = mkdtempSync(join(tmpdir(), 'hoc-ext4-'));
  const image = join(root, 'disk.img');
  const dir = join(root, 'mnt');
  mkdirSync(dir);
  const mount = () => run('mount', ['-o', 'loop,errors=remount-ro', image, dir]);
  try {
    run('truncate', ['-s', `${sizeMb}M`, image]);
    run('mkfs.ext4', ['-q', '-F', image]);
    mount();
  } catch {
    rmSync(root, { recursive: true, force: true });
    return null;
  }
  const trigger = () =>
    `/sys/fs/ext4/${basename(run('findmnt', ['-n', '-o', 'SOURCE', dir]))}/trigger_fs_error`;
  const unmount = () => run('umount', [dir]);
  return {
    dir,
    fail: () => writeFileSync(trigger(), 'staged disk error'),
    repair() {
      unmount();
      try {
        run('e2fsck', ['-f', '-y', image]);
      } catch (error) {
        // Exit 1: errors found and corrected (the staged one); anything above is a real failure.
        if ((error as { status?: number }).status !== 1) throw error;
      }
      mount();
    },
    remove() {
      try {
        unmount();
      } catch {
        // already unmounted
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

const probe = mountExt4(16);
const usable =
  probe !== null &&
  existsSync(
    join(
      '/sys/fs/ext4',
      basename(run('findmnt', ['-n', '-o', 'SOURCE', probe.dir])),
      'trigger_fs_error',
    ),
  );
probe?.remove();
if (!usable)
  process.stdout.write(
    'SKIPPED data-dir-read-only suite: needs root, a loop device, mkfs.ext4 and /sys/fs/ext4/*/trigger_fs_error\n',
  );
const describeWithExt4 = usable ? describe : describe.skip;

describeWithExt4('DATA_DIR turning read-only at run time (e2e, ext4 emergency read-only)', () => {
  let disk: Ext4;
  const env = () => ({
    DATA_DIR: join(disk.dir, 'data'),
    API_TOKENS: TEST_TOKEN,
    SYNC_WEBHOOK_SECRET: SYNC_SECRET,
  });

  beforeAll(() => {
    disk = mountExt4(256) as Ext4;
  });
  afterAll(() => disk?.remove());

  interface Answer {
    id: string;
    status: number | 'error';
    code?: string;
  }

  /** Signed Supabase inserts from `lanes` senders until `app` ends. */
  async function loadUntilExit(app: MainProcess, url: string, lanes: number, answers: Answer[]) {
    let next = 0;
    let ended = false;
    void app.exited.then(() => (ended = true));
    const lane = async () => {
      while (!ended) {
        const id = `ro${next++}`;
        try {
          const res = await fetch(`${url}/api/v1/webhooks/supabase`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-webhook-secret': SYNC_SECRET },
            body: JSON.stringify({ type: 'INSERT', table: 'ro', record: { id } }),
            // Far above the watchdog's 10 s: only the process ending answers a stalled request.
            signal: AbortSignal.timeout(120_000),
          });
          const body = (await res.json()) as { code?: string };
          answers.push({ id, status: res.status, code: body.code });
        } catch {
          answers.push({ id, status: 'error' });
        }
      }
    };
    await Promise.all(Array.from({ length: lanes }, lane));
  }

  it('ends with one line naming the read-only directory, refuses to start while it lasts, and comes back with every acknowledged event', async () => {
    const app = spawnMain(env());
    const url = await app.listening();
    const answers: Answer[] = [];
    const load = loadUntilExit(app, url, 4, answers);
    const acked = () => answers.filter((a) => a.status === 202).length;
    await eventually(async () => acked() >= 100, 60_000, 20);
    disk.fail();

    // The process ends by itself, saying why.
    const ended = await app.exited;
    await load;
    expect(ended.signal).toBe('SIGKILL');
    expect(app.output()).toContain(
      `FATAL: the embedded database at ${join(disk.dir, 'data', 'pglite')} stopped: the directory refuses writes (EROFS)`,
    );
    // Every answer: stored (202), refused in the error shape (503), or none (the process ended).
    const others = answers.filter(
      (a) =>
        a.status !== 202 &&
        a.status !== 'error' &&
        !(a.status === 503 && a.code === 'storage_read_only'),
    );
    expect(others).toEqual([]);

    // Still read-only: a restart refuses in one line, changing nothing.
    const refused = spawnMain(env());
    expect((await refused.exited).code).toBe(1);
    expect(refused.output()).toContain(
      `DATA_DIR ${join(disk.dir, 'data')} refuses writes (EROFS): the embedded database cannot start on it.`,
    );

    disk.repair();
    const again = spawnMain(env());
    const url2 = await again.listening();
    try {
      const stored = new Set<string>();
      let cursor: number | null = null;
      do {
        const query: string = `source=supabase&limit=200${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await fetch(`${url2}/api/v1/webhooks/events?${query}`, { headers: bearer });
        expect(res.status).toBe(200);
        const { data } = (await res.json()) as {
          data: { items: { subject: string }[]; next_cursor: number | null };
        };
        for (const item of data.items) stored.add(item.subject);
        cursor = data.next_cursor;
      } while (cursor);
      const acknowledged = answers.filter((a) => a.status === 202).map((a) => a.id);
      const lost = acknowledged.filter((id) => !stored.has(id));
      process.stdout.write(
        `read-only DATA_DIR: ${answers.length} sent, ${acknowledged.length} acknowledged, ${stored.size} stored after the restart, ${lost.length} lost, ${answers.filter((a) => a.status === 'error').length} unanswered (process ended), ${answers.filter((a) => a.status === 503).length} refused with 503\n`,
      );
      expect(lost).toEqual([]);
      // The database takes writes again and reports ready.
      const after = await fetch(`${url2}/api/v1/webhooks/supabase`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-webhook-secret': SYNC_SECRET },
        body: JSON.stringify({ type: 'INSERT', table: 'ro', record: { id: 'after-repair' } }),
      });
      expect(after.status).toBe(202);
      expect((await fetch(`${url2}/health/ready`)).status).toBe(200);
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
  }, 180_000);
});
