// Hands a thread's messages to the booking workflow strictly in order: the job of a message
// first answers every earlier unanswered message of its thread, then its own, holding the
// thread's lock. A reply is stored and, with GoHighLevel configured, sent back as its own job.
import { Injectable } from '@nestjs/common';
import type { EventRow } from '../events/event.types';
import { GhlClient } from '../integrations/ghl/ghl.client';
import { BookingWorkflowClient } from '../integrations/workflow/booking-workflow.client';
import { DatabaseService } from '../database/database.service';
import { JobQueue } from '../jobs/job-queue.service';
import { BookingThreadsRepository, type MessageRow } from './booking-threads.repository';
import { ThreadLocks } from './thread-locks';

export const BOOKING_QUEUE = 'booking.process';
export const REPLY_QUEUE = 'booking.reply';

@Injectable()
export class BookingProcessor {
  constructor(
    private readonly threads: BookingThreadsRepository,
    private readonly locks: ThreadLocks,
    private readonly workflow: BookingWorkflowClient,
    private readonly ghl: GhlClient,
    private readonly database: DatabaseService,
    private readonly jobs: JobQueue,
  ) {}

  async handle(
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
    const unsendable = this.whyUnsendable(thread?.contactId ?? null);
    const sendable = reply !== null && unsendable === null;
    const replyId = await this.database.transaction(async (tx, executor) => {
      await this.threads.setStatus(message.id, 'answered', tx);
      if (reply === null) return null;
      const id = await this.threads.addReply(
        tx,
        message,
        reply,
        sendable ? 'pending' : 'stored',
        unsendable,
      );
      if (sendable && id !== null)
        await this.jobs.send(REPLY_QUEUE, { messageId: id }, { executor });
      return id;
    });
    if (sendable && replyId !== null) this.jobs.nudge(REPLY_QUEUE);
    return replyId;
  }

  /** Null when a reply can go out through GoHighLevel, else why it stays stored. */
  private whyUnsendable(contactId: string | null): string | null {
    if (!this.ghl.configured) return 'GHL_API_TOKEN is not set: replies are stored, not sent';
    if (contactId || this.ghl.canFindContacts) return null;
    return 'the message named no GoHighLevel contact and GHL_LOCATION_ID is not set, so none can be found by phone: the reply is stored, not sent';
  }

  /**
   * The reply job: one WhatsApp message through GoHighLevel. A seed-format message names no
   * contact; it is looked up by the sender's phone first (and kept on the thread).
   */
  async deliverReply(messageId: number, finalAttempt: boolean): Promise<void> {
    const reply = await this.threads.byId(messageId);
    if (!reply || reply.status === 'sent' || reply.status === 'stored') return;
    const thread = await this.threads.thread(reply.threadId);
    try {
      let contactId = thread?.contactId ?? null;
      if (!contactId) {
        contactId = await this.ghl.findContactIdByPhone(reply.phone);
        if (!contactId) {
          await this.threads.keepUnsent(
            messageId,
            `GoHighLevel has no contact with phone ${reply.phone}: the reply is stored, not sent`,
          );
          return;
        }
        await this.threads.setContact(reply.threadId, contactId);
      }
      await this.ghl.sendWhatsApp(contactId, reply.body);
    } catch (error) {
      if (finalAttempt) await this.threads.setStatus(messageId, 'failed');
      throw error;
    }
    await this.threads.setStatus(messageId, 'sent');
  }
}
