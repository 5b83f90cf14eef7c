// The one write before every 2xx, on the real database: events that arrive together commit in
// one transaction, and one bad event in such a batch must not fail its neighbours.
import { inArray } from 'drizzle-orm';
import { events } from '../../src/database/schema';
import { EventLogService } from '../../src/events/event-log.service';
import type { RecordEventInput } from '../../src/events/event.types';
import { newMedium, type Medium } from './medium';

describe('EventLogService.record (medium: real database and job queue)', () => {
  let medium: Medium;
  let log: EventLogService;
  let n = 0;
  const event = (extra: Partial<RecordEventInput> = {}): RecordEventInput => ({
    source: 'medium',
    type: 'test',
    dedupKey: `medium:${++n}`,
    payload: { n },
    ...extra,
  });
  const stored = async (keys: string[]) =>
    (
      await medium.database.db
        .select({ dedupKey: events.dedupKey })
        .from(events)
        .where(inArray(events.dedupKey, keys))
    )
      .map((row) => row.dedupKey)
      .sort();

  beforeAll(async () => {
    medium = await newMedium({ providers: [EventLogService], jobs: true });
    log = medium.get(EventLogService);
  });
  afterAll(() => medium.close());

  it('one bad event among several arriving together fails alone; its neighbours are stored', async () => {
    // Issued together: the first is written at once, the rest wait and commit as one batch.
    const inputs = [
      event(),
      event(),
      event({
        onInsert: async () => {
          throw new Error('this event’s own row was rejected');
        },
      }),
      event(),
      event(),
    ];
    const outcomes = await Promise.allSettled(inputs.map((input) => log.record(input)));

    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect((outcomes[2] as PromiseRejectedResult).reason).toEqual(
      new Error('this event’s own row was rejected'),
    );
    const good = inputs.filter((_, i) => i !== 2).map((input) => input.dedupKey);
    // Nothing of the bad event was written, everything of the others was.
    expect(await stored(inputs.map((input) => input.dedupKey))).toEqual([...good].sort());
    for (const o of outcomes)
      if (o.status === 'fulfilled') expect(o.value).toMatchObject({ duplicate: false });
  });

  it('writes the extra rows of an event in the same transaction, only when the event is new', async () => {
    const input = event();
    const onInsert = jest.fn(async () => undefined);
    const first = await log.record({ ...input, onInsert });
    const again = await log.record({ ...input, onInsert });
    expect(onInsert).toHaveBeenCalledTimes(1);
    expect(onInsert).toHaveBeenCalledWith(expect.anything(), first.id, expect.anything());
    expect(again).toMatchObject({ id: first.id, duplicate: true });
  });

  it('the same delivery twice in one batch is stored once; the second is its duplicate', async () => {
    const lead = event();
    const twin = event();
    const [, a, b] = await Promise.all([log.record(lead), log.record(twin), log.record(twin)]);
    expect(a).toMatchObject({ duplicate: false });
    expect(b).toMatchObject({ id: a.id, duplicate: true });
    expect(await stored([twin.dedupKey])).toEqual([twin.dedupKey]);
  });
});
