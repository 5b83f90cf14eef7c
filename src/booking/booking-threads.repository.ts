// Booking threads and their messages (inbound from the sender, outbound replies).
import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import { DatabaseService, type Queryable } from '../database/database.service';
import { affectedRows } from '../database/query-result';
import { bookingMessages, bookingThreads } from '../database/schema';
import type { InboundMessage } from './booking-message';
import { erasedSince, lockSubjects } from '../database/erasure-tombstones';

export type MessageRow = typeof bookingMessages.$inferSelect;
export type ThreadRow = typeof bookingThreads.$inferSelect;

/** Inbound states that still need the workflow. */
const UNANSWERED = ['pending', 'processing', 'failed'];

@Injectable()
export class BookingThreadsRepository {
  constructor(private readonly database: DatabaseService) {}

  async appendInbound(
    q: Queryable,
    message: InboundMessage,
    eventId: string,
    status: string,
  ): Promise<void> {
    await q
      .insert(bookingThreads)
      .values({ threadId: message.threadId, phone: message.phone, contactId: message.contactId })
      .onConflictDoUpdate({
        target: bookingThreads.threadId,
        set: {
          lastMessageAt: sql`now()`,
          contactId: sql`coalesce(excluded.contact_id, ${bookingThreads.contactId})`,
        },
      });
    await q.insert(bookingMessages).values({
      threadId: message.threadId,
      direction: 'inbound',
      body: message.message,
      phone: message.phone,
      eventId,
      status,
    });
  }

  async byEvent(eventId: string): Promise<MessageRow | undefined> {
    const [row] = await this.database.db
      .select()
      .from(bookingMessages)
      .where(eq(bookingMessages.eventId, eventId));
    return row;
  }

  async byId(id: number): Promise<MessageRow | undefined> {
    const [row] = await this.database.db
      .select()
      .from(bookingMessages)
      .where(eq(bookingMessages.id, id));
    return row;
  }

  async thread(threadId: string): Promise<ThreadRow | undefined> {
    const [row] = await this.database.db
      .select()
      .from(bookingThreads)
      .where(eq(bookingThreads.threadId, threadId));
    return row;
  }

  async messages(threadId: string): Promise<MessageRow[]> {
    return this.database.db
      .select()
      .from(bookingMessages)
      .where(eq(bookingMessages.threadId, threadId))
      .orderBy(asc(bookingMessages.id));
  }

  /** The earliest unanswered inbound message of the thread, not later than `upTo`. */
  async nextUnanswered(threadId: string, upTo: number): Promise<MessageRow | undefined> {
    const [row] = await this.database.db
      .select()
      .from(bookingMessages)
      .where(
        and(
          eq(bookingMessages.threadId, threadId),
          eq(bookingMessages.direction, 'inbound'),
          inArray(bookingMessages.status, UNANSWERED),
          lte(bookingMessages.id, upTo),
        ),
      )
      .orderBy(asc(bookingMessages.id))
      .limit(1);
    return row;
  }

  /** The last `limit` messages before `beforeId`, oldest first. */
  async history(threadId: string, beforeId: number, limit = 20): Promise<MessageRow[]> {
    const rows = await this.database.db
      .select()
      .from(bookingMessages)
      .where(and(eq(bookingMessages.threadId, threadId), sql`${bookingMessages.id} < ${beforeId}`))
      .orderBy(desc(bookingMessages.id))
      .limit(limit);
    return rows.reverse();
  }

  async setStatus(id: number, status: string, q: Queryable = this.database.db): Promise<void> {
    await q.update(bookingMessages).set({ status }).where(eq(bookingMessages.id, id));
  }

  /** A reply that stays stored, with the reason it was not sent. */
  async keepUnsent(id: number, note: string): Promise<void> {
    await this.database.db
      .update(bookingMessages)
      .set({ status: 'stored', note })
      .where(eq(bookingMessages.id, id));
  }

  async setContact(threadId: string, contactId: string): Promise<void> {
    await this.database.db
      .update(bookingThreads)
      .set({ contactId })
      .where(eq(bookingThreads.threadId, threadId));
  }

  /**
   * Stores a reply, in the caller's transaction; null (nothing stored) when the thread was erased
   * since its inbound message arrived: a workflow answer in flight at the erasure does not bring
   * the thread back (erasure-tombstones.ts).
   */
  async addReply(
    tx: Queryable,
    inbound: MessageRow,
    body: string,
    status: string,
    note: string | null = null,
  ): Promise<number | null> {
    await lockSubjects(tx, [inbound.threadId]);
    if (await erasedSince(tx, inbound.threadId, inbound.createdAt)) return null;
    const [row] = await tx
      .insert(bookingMessages)
      .values({
        threadId: inbound.threadId,
        direction: 'outbound',
        body,
        phone: inbound.phone,
        status,
        note,
      })
      .returning({ id: bookingMessages.id });
    return row.id;
  }

  /** Workflow hand-offs failing now (retry pending) or dead, and replies GoHighLevel refused. */
  async handoffErrors(): Promise<number> {
    const [row] = await this.database.db
      .select({ count: sql<number>`count(*)::int` })
      .from(bookingMessages)
      .where(inArray(bookingMessages.status, ['failed', 'dead']));
    return Number(row.count);
  }

  async activeThreads(): Promise<number> {
    const [row] = await this.database.db
      .select({ count: sql<number>`count(*)::int` })
      .from(bookingThreads)
      .where(gt(bookingThreads.lastMessageAt, sql`now() - interval '30 minutes'`));
    return Number(row.count);
  }

  /** Erasure: a thread and all its messages; what was removed. */
  async erase(
    q: Queryable,
    threadId: string,
  ): Promise<{ booking_messages: number; booking_threads: number }> {
    const messages = affectedRows(
      await q.execute(sql`DELETE FROM booking_messages WHERE thread_id = ${threadId}`),
    );
    const threads = affectedRows(
      await q.execute(sql`DELETE FROM booking_threads WHERE thread_id = ${threadId}`),
    );
    return { booking_messages: messages, booking_threads: threads };
  }
}
