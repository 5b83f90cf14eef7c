// Hands a thread's messages to the booking workflow strictly in order: the job of a message
// first answers every earlier unanswered message of its thread, then its own, holding the
// thread's lock. A reply is stored and, with GoHighLevel configured, sent back as its own job.
import { Injectable } from '@nestjs/common';
import type { EventRow } from '../events/event.types';
import { GhlClient } from '../integrations/ghl/ghl.client';
import { BookingWorkflowClient } from '../integrations/workflow/booking-workflow.client';
import { DatabaseService } from '../database/database.service';
import { JobQueue } from '../jobs/job-queue.service';
import { BookingThreads, type MessageRow } from './booking-threads.repository';
import { ThreadLocks } from './thread-locks';

export const BOOKING_QUEUE = 'booking.process';
export const REPLY_QUEUE = 'booking.reply';

@Injectable()
export class BookingProcessor {
  constructor(
    private readonly threads: BookingThreads,
    private readonly locks: ThreadLocks,
    private readonly workflow: BookingWorkflowClient,
    private readonly ghl: GhlClient,
    private readonly database: DatabaseService,
    private readonly jobs: JobQueue,
  ) {}

  async process(
    event: Pick<EventRow, 'id'>,
    finalAttempt: boolean,
  ): Promise<Record<string, unknown>> {
    const target = await this.threads.byEvent(event.id);
    if (!target) throw new Error(`no booking message for event ${event.id}`);
    // Only a replayed event reaches a dead message: it gets a fresh chance.
    if (target.status === 'dead') await this.threads.setStatus(target.id, 'pending');
    try {
      return await this.locks.run(target.threadId, () => this.answerUpTo(target));
    } catch (error) {
      if (finalAttempt) await this.threads.setStatus(target.id, 'dead');
      throw error;
    }
  }

  private async answerUpTo(target: MessageRow): Promise<Record<string, unknown>> {
    for (;;) {
      const head = await this.threads.nextUnanswered(target.threadId, target.id);
      if (!head) return { message_id: target.id, answered_by: 'earlier job' };
      const replyId = await this.answer(head).catch(async (error: Error) => {
        await this.threads.setStatus(head.id, 'failed');
        throw head.id === target.id
          ? error
          : new Error(`earlier message ${head.id} of the thread failed first: ${error.message}`);
      });
      if (head.id === target.id) return { message_id: target.id, reply_id: replyId };
    }
  }

  /** Sends one message to the workflow and stores its reply; the reply's id, if any. */
  private async answer(message: MessageRow): Promise<number | null> {
    await this.threads.setStatus(message.id, 'processing');
    const thread = await this.threads.thread(message.threadId);
    const history = await this.threads.history(message.threadId, message.id);
    const reply = await this.workflow.send({
      thread_id: message.threadId,
      phone: message.phone,
      contact_id: thread?.contactId ?? null,
      message: message.body,
      message_id: message.id,
      history: history.map((m) => ({
        direction: m.direction,
        message: m.body,
        at: m.createdAt.toISOString(),
      })),
    });
    const sendable = reply !== null && this.ghl.configured && Boolean(thread?.contactId);
    const replyId = await this.database.transaction(async (tx, executor) => {
      await this.threads.setStatus(message.id, 'answered', tx);
      if (reply === null) return null;
      const id = await this.threads.addReply(tx, message, reply, sendable ? 'pending' : 'stored');
      if (sendable) await this.jobs.send(REPLY_QUEUE, { messageId: id }, { executor });
      return id;
    });
    if (sendable) this.jobs.nudge(REPLY_QUEUE);
    return replyId;
  }

  /** The reply job: one WhatsApp message through GoHighLevel. */
  async deliverReply(messageId: number, finalAttempt: boolean): Promise<void> {
    const reply = await this.threads.byId(messageId);
    if (!reply || reply.status === 'sent') return;
    const thread = await this.threads.thread(reply.threadId);
    try {
      await this.ghl.sendWhatsApp(thread?.contactId as string, reply.body);
    } catch (error) {
      if (finalAttempt) await this.threads.setStatus(messageId, 'failed');
      throw error;
    }
    await this.threads.setStatus(messageId, 'sent');
  }
}
