// A booking thread is answered by one replica at a time. Here the other replica is the edge that
// is faked (its lock on the thread); the processor, repository and database are real.
import { BookingThreadsRepository } from '../../src/booking/booking-threads.repository';
import { BookingProcessor } from '../../src/booking/booking.processor';
import { ThreadBusyError, ThreadLocks } from '../../src/booking/thread-locks';
import { BUSY, DatabaseService } from '../../src/database/database.service';
import { EventLogService } from '../../src/events/event-log.service';
import { GhlClient } from '../../src/integrations/ghl/ghl.client';
import { BookingWorkflowClient } from '../../src/integrations/workflow/booking-workflow.client';
import { newMedium, type Medium } from './medium';

describe('BookingProcessor when another replica holds the thread (medium)', () => {
  let medium: Medium;
  let processor: BookingProcessor;
  let threads: BookingThreadsRepository;
  const workflow = { configured: true, send: jest.fn(async () => 'Gern, wann passt es Ihnen?') };
  /** Threads whose lock another replica holds right now. */
  const heldElsewhere = new Set<string>();
  let n = 0;

  beforeAll(async () => {
    medium = await newMedium({
      providers: [BookingProcessor, BookingThreadsRepository, ThreadLocks, EventLogService],
      jobs: true,
      fakes: [
        { provide: BookingWorkflowClient, useValue: workflow },
        { provide: GhlClient, useValue: { configured: false } },
      ],
    });
    processor = medium.get(BookingProcessor);
    threads = medium.get(BookingThreadsRepository);
    const database = medium.get(DatabaseService);
    const tryExclusive = database.tryExclusive;
    jest
      .spyOn(database, 'tryExclusive')
      .mockImplementation((name, work) =>
        heldElsewhere.has(name) ? Promise.resolve(BUSY) : tryExclusive(name, work),
      );
  });
  afterAll(() => medium.close());
  beforeEach(() => workflow.send.mockClear());

  /** Stores one inbound message as the webhook does; its event and message row. */
  async function inbound() {
    const threadId = `thread_medium_${++n}`;
    const message = {
      threadId,
      phone: '+491701234567',
      contactId: null,
      message: 'Ich möchte einen Termin',
      providerMessageId: null,
    };
    const event = await medium.get(EventLogService).record({
      source: 'booking',
      type: 'message',
      dedupKey: `medium-booking:${n}`,
      payload: message,
      ordered: true,
      onInsert: (tx, eventId) => threads.appendInbound(tx, message, eventId, 'pending'),
    });
    return { threadId, event, row: async () => (await threads.byEvent(event.id))! };
  }

  it('gives the job back untouched (ThreadBusyError) while another replica holds the thread', async () => {
    const { threadId, event, row } = await inbound();
    heldElsewhere.add(`booking:${threadId}`);
    try {
      await expect(processor.handle(event, false)).rejects.toBeInstanceOf(ThreadBusyError);
    } finally {
      heldElsewhere.delete(`booking:${threadId}`);
    }
    expect(workflow.send).not.toHaveBeenCalled();
    expect((await row()).status).toBe('pending');
  });

  it('marks the message dead when the thread is still held at the final attempt', async () => {
    const { threadId, event, row } = await inbound();
    heldElsewhere.add(`booking:${threadId}`);
    try {
      await expect(processor.handle(event, true)).rejects.toBeInstanceOf(ThreadBusyError);
    } finally {
      heldElsewhere.delete(`booking:${threadId}`);
    }
    expect(workflow.send).not.toHaveBeenCalled();
    expect((await row()).status).toBe('dead');
  });

  it('answers the message on the retry once the other replica let go', async () => {
    const { threadId, event, row } = await inbound();
    heldElsewhere.add(`booking:${threadId}`);
    await expect(processor.handle(event, false)).rejects.toBeInstanceOf(ThreadBusyError);
    heldElsewhere.delete(`booking:${threadId}`);

    const outcome = await processor.handle(event, false);
    expect(outcome).toEqual({ message_id: (await row()).id, reply_id: expect.any(Number) });
    expect(workflow.send).toHaveBeenCalledTimes(1);
    expect((await row()).status).toBe('answered');
    const messages = await threads.messages(threadId);
    expect(messages.map((m) => [m.direction, m.status])).toEqual([
      ['inbound', 'answered'],
      ['outbound', 'stored'],
    ]);
  });
});
