// Both accepted shapes become one message.
import { ApiException } from '../common/errors/api.exception';
import { validatePayload } from '../common/validation/validate-payload';
import { BookingMessageDto, GhlInboundMessageDto } from './dto/booking-message.dto';
import type { Json } from '../common/json/json-object';
import { toE164 } from './phone';

export interface InboundMessage {
  threadId: string;
  phone: string;
  contactId: string | null;
  message: string;
  /** GoHighLevel's message id, for deduplication of redeliveries. */
  providerMessageId: string | null;
}

export const isGhlNative = (body: Json) =>
  body.type === 'InboundMessage' || ('conversationId' in body && 'body' in body);

function e164(field: string, value: string, defaultCountry: string): string {
  const phone = toE164(value, defaultCountry);
  if (phone) return phone;
  const message = `${field} is not a phone number that can be written in E.164`;
  throw ApiException.badRequest('validation_failed', 'Invalid request body', message, {
    fields: { [field]: [message] },
  });
}

export async function toInboundMessage(
  body: Json,
  defaultCountry: string,
): Promise<InboundMessage> {
  if (isGhlNative(body)) {
    const native = await validatePayload(GhlInboundMessageDto, body);
    return {
      threadId: native.conversationId,
      phone: native.from ? e164('from', native.from, defaultCountry) : native.contactId,
      contactId: native.contactId,
      message: native.body,
      providerMessageId: native.messageId ?? null,
    };
  }
  const seed = await validatePayload(BookingMessageDto, body);
  return {
    threadId: seed.thread_id,
    phone: e164('phone', seed.phone, defaultCountry),
    contactId: null,
    message: seed.message,
    providerMessageId: null,
  };
}
