// The disk under DATA_DIR (embedded database) filling up, and the PAYLOAD_DIR mirror full or
// read-only, on real small tmpfs mounts: writes are refused with 507 in the error shape (with
// Retry-After), readiness says why, reads keep working, the database survives intact, no
// half-written file is left behind, and everything resumes once the disk recovers. (A DATA_DIR
// turning read-only at run time: data-dir-read-only.e2e-spec.ts, on ext4; a tmpfs cannot be
// remounted read-only while the embedded database holds files open for writing.)
// Mounting needs root (CI containers run as root); elsewhere the suite says so and is skipped.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { elevenLabsSignature, fixture } from '../../tools/signing';
import {
  bearer,
  ELEVENLABS_SECRET,
  eventually,
  expectErrorShape,
  startTestApp,
  SYNC_SECRET,
  type TestApp,
} from '../support/test-app';

type Json = Record<string, any>;

function mountTmpfs(sizeMb: number): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'hoc-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], {
      stdio: 'ignore',
    });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}
const remount = (dir: string, mode: 'ro' | 'rw') =>
  execFileSync('mount', ['-o', `remount,${mode}`, dir], { stdio: 'ignore' });
const unmount = (dir: string) => {
  execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
};
const freeBytes = (dir: string) => {
  const stats = statfsSync(dir);
  return stats.bavail * stats.bsize;
};

const probe = mountTmpfs(1);
if (probe) unmount(probe);
else process.stdout.write('disk-full suite skipped: mounting a tmpfs needs root\n');
const describeWithMounts = probe ? describe : describe.skip;

const supabase = (t: TestApp, id: string) =>
  request(t.url)
    .post('/api/v1/webhooks/supabase')
    .set('x-webhook-secret', SYNC_SECRET)
    .send({ type: 'INSERT', table: 'disk', record: { id, updated_at: '2026-11-20T10:00:00Z' } });

describeWithMounts('DATA_DIR full (e2e, tmpfs)', () => {
  let dataDir: string;
  let t: TestApp;
  const filler = () => join(dataDir, 'filler.bin');

  beforeAll(async () => {
    dataDir = mountTmpfs(220) as string;
    t = await startTestApp({ DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await t?.close();
    unmount(dataDir);
  });

  const storageCondition = async () =>
    (await request(t.url).get('/health/ready')).body.details?.storage?.condition;

  it('a full disk: 507 + Retry-After on writes, readiness says so, reads work, then it recovers', async () => {
    await supabase(t, 'before').expect(202);
    // Leave 40 MB: below the 100 MB kept free for the largest body (2 × AUDIO_BODY_LIMIT).
    writeFileSync(filler(), Buffer.alloc(Math.max(0, freeBytes(dataDir) - 40 * 1024 ** 2)));
    await eventually(async () => (await storageCondition()) === 'full', 5000, 100);
    const refused = await supabase(t, 'during');
    expect(refused.status).toBe(507);
    expectErrorShape(refused.body, { code: 'insufficient_storage' });
    expect(refused.headers['retry-after']).toBeDefined();
    const ready = await request(t.url).get('/health/ready').expect(503);
    expect(ready.body.details.storage).toMatchObject({ status: 'down', condition: 'full' });
    await request(t.url).get('/api/v1/webhooks/events').set(bearer).expect(200);
    await request(t.url).get('/health').expect(200);

    rmSync(filler());
    await eventually(async () => (await supabase(t, 'after')).status === 202, 5000, 100);
    await request(t.url).get('/health/ready').expect(200);
  });

  it('the database survived intact: every acknowledged event is there after a restart', async () => {
    // A full disk of its own between two acknowledged events, whatever ran before.
    await supabase(t, 'kept-before').expect(202);
    writeFileSync(filler(), Buffer.alloc(Math.max(0, freeBytes(dataDir) - 40 * 1024 ** 2)));
    await eventually(async () => (await storageCondition()) === 'full', 5000, 100);
    expect((await supabase(t, 'refused-during')).status).toBe(507);
    rmSync(filler());
    await eventually(async () => (await supabase(t, 'kept-after')).status === 202, 5000, 100);
    await t.close();
    t = await startTestApp({ DATA_DIR: dataDir });
    const mine = async () =>
      (
        (
          await request(t.url)
            .get('/api/v1/webhooks/events')
            .query({ source: 'supabase', limit: 200 })
            .set(bearer)
            .expect(200)
        ).body.data.items as Json[]
      ).filter((e) => ['kept-before', 'refused-during', 'kept-after'].includes(e.subject));
    // Acknowledged means kept: both there and processed, the refused one never stored.
    const events = await eventually(async () => {
      const found = await mine();
      return found.length === 2 && found.every((e) => e.status === 'processed') ? found : null;
    });
    expect(events.map((e) => e.subject).sort()).toEqual(['kept-after', 'kept-before']);
  });
});

describeWithMounts('PAYLOAD_DIR mirror full or read-only (e2e, tmpfs)', () => {
  let payloadDir: string;
  let t: TestApp;

  beforeAll(async () => {
    payloadDir = mountTmpfs(1) as string;
    t = await startTestApp({ PAYLOAD_DIR: payloadDir });
  });
  afterAll(async () => {
    await t?.close();
    unmount(payloadDir);
  });

  const postCall = (conversationId: string, audioBytes = 0) => {
    const body = fixture<Json>('elevenlabs/post_call_transcription.json');
    body.data.conversation_id = conversationId;
    if (audioBytes > 0) {
      body.type = 'post_call_audio';
      body.data = { conversation_id: conversationId, agent_id: body.data.agent_id };
      // An ID3 header, so the body is taken for MP3.
      const mp3 = Buffer.concat([
        Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00'),
        Buffer.alloc(audioBytes, 7),
      ]);
      body.data.full_audio = mp3.toString('base64');
    }
    const text = JSON.stringify(body);
    return request(t.url)
      .post('/webhook/post-call')
      .set('content-type', 'application/json')
      .set('ElevenLabs-Signature', elevenLabsSignature(text, ELEVENLABS_SECRET))
      .send(text);
  };

  /** The mirror job's last failure, as the event log shows it to the operator. */
  const lastError = async (): Promise<string> => {
    const list = await request(t.url)
      .get('/api/v1/webhooks/events')
      .query({ source: 'elevenlabs', limit: 1 })
      .set(bearer)
      .expect(200);
    return String(list.body.data.items[0]?.last_error ?? '');
  };

  /** Every file in the mirror is whole: no temp file or torn write left behind. */
  const expectNoPartialFiles = () => {
    for (const entry of readdirSync(payloadDir, { recursive: true }) as string[]) {
      expect(entry).not.toMatch(/\.tmp$/);
      const path = join(payloadDir, entry);
      if (statSync(path).isFile()) expect(statSync(path).size).toBeGreaterThan(0);
    }
  };

  it('a mirror too small for the audio: acknowledged from the database, no partial file', async () => {
    const audio = 3 * 1024 ** 2;
    await postCall('conv_disk_full', audio).expect(200);
    // The mirror job meets ENOSPC, retries later, and leaves nothing half-written meanwhile.
    await eventually(async () => /ENOSPC|no space/i.test(await lastError()), 10_000, 200);
    expectNoPartialFiles();
    const download = await request(t.url)
      .get('/calls/conv_disk_full/artefacts/audio')
      .set(bearer)
      .expect(200);
    expect(download.body.length).toBeGreaterThanOrEqual(audio);
  });

  it('a read-only mirror: acknowledged, no file; written once the mirror is writable again', async () => {
    remount(payloadDir, 'ro');
    try {
      await postCall('conv_disk_ro').expect(200);
      await eventually(async () => /EROFS|ENOENT|read-only/i.test(await lastError()), 10_000, 200);
      expectNoPartialFiles();
      expect(readdirSync(payloadDir)).not.toContain('conv_disk_ro');
    } finally {
      remount(payloadDir, 'rw');
    }
    // The job's retry writes the mirror file once the disk takes it.
    await eventually(
      async () =>
        readdirSync(payloadDir).includes('conv_disk_ro') &&
        readdirSync(join(payloadDir, 'conv_disk_ro')).length > 0,
      30_000,
      250,
    );
    expectNoPartialFiles();
  });
});
