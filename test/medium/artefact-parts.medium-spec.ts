// A large artefact is stored in slices (artefact_parts), one statement each, so no statement holds
// the whole recording. On the real database: slices written and read back byte-exact (whole and
// as a download stream), a redelivery replaces every slice of the old version, a small one going
// inline clears them, and erasure takes the slices with the artefact.
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../src/database/query-result';
import { ARTEFACT_PART_BYTES, ArtefactsRepository } from '../../src/events/artefacts.repository';
import { EventLogService } from '../../src/events/event-log.service';
import { newMedium, type Medium } from './medium';

describe('ArtefactsRepository, large artefacts in slices (medium: real database)', () => {
  let medium: Medium;
  let store: ArtefactsRepository;
  const eventIds = { first: randomUUID(), second: randomUUID(), third: randomUUID() };
  const write = (conversationId: string, bytes: Buffer, eventId: string) =>
    medium.database.transaction((tx) =>
      store.write(tx, [
        { conversationId, kind: 'audio', contentType: 'audio/mpeg', bytes, eventId },
      ]),
    );
  const partsIn = async (conversationId: string) =>
    rowsOf<{ n: number; largest: number }>(
      await medium.database.db.execute(
        sql`SELECT count(*)::int AS n, coalesce(max(octet_length(bytes)), 0)::int AS largest
              FROM artefact_parts WHERE conversation_id = ${conversationId}`,
      ),
    )[0];
  const download = async (conversationId: string) => {
    const stored = await store.find(conversationId, 'audio');
    if (!stored) throw new Error('not stored');
    const slices: Buffer[] = [];
    for await (const slice of store.stream(conversationId, 'audio', stored))
      slices.push(slice as Buffer);
    return Buffer.concat(slices);
  };

  beforeAll(async () => {
    medium = await newMedium({ providers: [ArtefactsRepository, EventLogService], jobs: true });
    store = medium.get(ArtefactsRepository);
  });
  afterAll(() => medium.close());

  it('writes an artefact over one slice as slices of at most ARTEFACT_PART_BYTES, read back byte-exact', async () => {
    const audio = randomBytes(3 * ARTEFACT_PART_BYTES + 12345);
    await write('conv_large', audio, eventIds.first);
    expect(await partsIn('conv_large')).toEqual({ n: 4, largest: ARTEFACT_PART_BYTES });
    expect(await store.find('conv_large', 'audio')).toMatchObject({
      sizeBytes: audio.length,
      parts: 4,
    });
    expect((await download('conv_large')).equals(audio)).toBe(true);
    expect((await store.read('conv_large', 'audio'))?.equals(audio)).toBe(true);
  });

  it('keeps an artefact of one slice or less inline', async () => {
    const small = randomBytes(ARTEFACT_PART_BYTES);
    await write('conv_small', small, eventIds.first);
    expect((await partsIn('conv_small')).n).toBe(0);
    expect((await download('conv_small')).equals(small)).toBe(true);
  });

  it('a redelivery replaces every slice of the old version; a small one clears them', async () => {
    await write('conv_again', randomBytes(3 * ARTEFACT_PART_BYTES), eventIds.first);
    const shorter = randomBytes(ARTEFACT_PART_BYTES + 1);
    await write('conv_again', shorter, eventIds.second);
    expect((await partsIn('conv_again')).n).toBe(2);
    expect((await download('conv_again')).equals(shorter)).toBe(true);

    const inline = randomBytes(100);
    await write('conv_again', inline, eventIds.third);
    expect((await partsIn('conv_again')).n).toBe(0);
    expect((await download('conv_again')).equals(inline)).toBe(true);
  });

  it('a download pinned to a replaced version fails instead of mixing versions', async () => {
    await write('conv_pinned', randomBytes(2 * ARTEFACT_PART_BYTES + 1), eventIds.first);
    const old = await store.find('conv_pinned', 'audio');
    await write('conv_pinned', randomBytes(2 * ARTEFACT_PART_BYTES + 1), eventIds.second);
    const stream = store.stream('conv_pinned', 'audio', old!);
    await expect(
      (async () => {
        for await (const _ of stream);
      })(),
    ).rejects.toThrow(/replaced or erased/);
  });

  it('through the ingest: a small redelivery, written by the one-statement path, clears the slices', async () => {
    const log = medium.get(EventLogService);
    const record = (dedupKey: string, bytes: Buffer) =>
      log.record({
        source: 'medium',
        type: 'post_call_audio',
        dedupKey,
        payload: { size: bytes.length },
        artefact: {
          conversationId: 'conv_ingest',
          kind: 'audio',
          contentType: 'audio/mpeg',
          bytes,
        },
      });
    const large = randomBytes(2 * ARTEFACT_PART_BYTES + 7);
    await record('medium:audio:1', large);
    expect((await partsIn('conv_ingest')).n).toBe(3);
    expect((await download('conv_ingest')).equals(large)).toBe(true);

    const small = randomBytes(1000);
    await record('medium:audio:2', small);
    expect((await partsIn('conv_ingest')).n).toBe(0);
    expect(await store.find('conv_ingest', 'audio')).toMatchObject({ sizeBytes: 1000, parts: 0 });
    expect((await download('conv_ingest')).equals(small)).toBe(true);
  });

  it('erasure takes the slices with the artefact', async () => {
    await write('conv_erased', randomBytes(2 * ARTEFACT_PART_BYTES + 1), eventIds.first);
    expect((await partsIn('conv_erased')).n).toBe(3);
    await medium.database.transaction((tx) => store.erase(tx, 'conv_erased'));
    expect((await partsIn('conv_erased')).n).toBe(0);
    expect(await store.find('conv_erased', 'audio')).toBeUndefined();
  });
});
