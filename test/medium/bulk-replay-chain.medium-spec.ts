// A bulk replay chain takes each matching event at most once (issue 25: paging through 10,000
// dead events until `more: false` queued 10,850, the ones that failed again during the pass a
// second time). Here every queued event "fails again" at once — it is dead again before the
// next page is asked for — the hardest case for a chain that pages by status alone.
import { sql } from 'drizzle-orm';
import { EventLogService } from '../../src/events/event-log.service';
import { EventReplayService, type ReplayCursor } from '../../src/events/event-replay.service';
import { JobQueue } from '../../src/jobs/job-queue.service';
import { newMedium, type Medium } from './medium';

const DEAD = 10_000;

describe('bulk replay chain over events that fail again (medium)', () => {
  let medium: Medium;
  const queued: string[] = [];
  const jobs = {
    send: jest.fn(),
    nudge: jest.fn(),
    sendMany: jest.fn(async (_queue: string, items: { eventId: string }[]) => {
      queued.push(...items.map((i) => i.eventId));
    }),
  };

  beforeAll(async () => {
    medium = await newMedium({
      providers: [EventReplayService, EventLogService],
      fakes: [{ provide: JobQueue, useValue: jobs }],
    });
    medium.get(EventLogService).registerQueue('supabase', 'sync.process');
    await medium.database.db.execute(sql`
      INSERT INTO events (source, type, dedup_key, status, attempts, last_error, payload)
      SELECT 'supabase', 'insert', 'dead-' || n, 'dead', 5, 'upstream 503', '{}'::jsonb
        FROM generate_series(1, ${DEAD}) AS n`);
  }, 60_000);
  afterAll(() => medium.close());

  it(`queues exactly ${DEAD} for ${DEAD} dead events that all fail again during the pass`, async () => {
    const replays = medium.get(EventReplayService);
    let cursor: ReplayCursor | undefined;
    let requests = 0;
    for (;;) {
      const page = await replays.replayMany({}, 500, 'outage over', undefined, cursor);
      requests++;
      // Every event of the page fails again before the next request.
      await medium.database.db.execute(
        sql`UPDATE events SET status = 'dead' WHERE status = 'received'`,
      );
      if (!page.more) break;
      cursor = page.cursor ?? undefined;
      expect(cursor).toBeDefined();
    }
    expect(queued).toHaveLength(DEAD);
    expect(new Set(queued).size).toBe(DEAD);
    expect(requests).toBe(DEAD / 500);
    // A new chain starts over: the events are all dead again.
    const fresh = await replays.replayMany({}, 500, 'again', undefined);
    expect(fresh.queued).toBe(500);
  }, 120_000);
});
