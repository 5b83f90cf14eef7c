// Both accepted shapes become one message.
import { validatePayload } from '../common/validation/validate-payload';
import { BookingMessageDto, GhlInboundMessageDto } from './dto/booking-message.dto';

export interface InboundMessage {
  threadId: string;
  phone: string;
  contactId: string | null;
  message: string;
  /** GoHighLevel's message id, for deduplication of redeliveries. */
  providerMessageId: string | null;
}

type Json = Record<string, unknown>;

export const isGhlNative = (body: Json) =>
  body.type === 'InboundMessage' || ('conversationId' in body && 'body' in body);

export async function toInboundMessage(body: Json): Promise<InboundMessage> {
  if (isGhlNative(body)) {
    const native = await validatePayload(GhlInboundMessageDto, body);
    return {
      threadId: native.conversationId,
      phone: native.from ?? native.contactId,
      contactId: native.contactId,
      message: native.body,
      providerMessageId: native.messageId ?? null,
    };
  }
  const seed = await validatePayload(BookingMessageDto, body);
  return {
    threadId: seed.thread_id,
    phone: seed.phone,
    contactId: null,
    message: seed.message,
    providerMessageId: null,
  };
}

/** The sender the per-sender limit counts, read before validation (the throttler runs first). */
export function senderOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Json;
  const sender = b.phone ?? b.from ?? b.contactId;
  return typeof sender === 'string' && sender.length <= 64
    ? sender.replace(/[^\d+A-Za-z]/g, '')
    : undefined;
}
