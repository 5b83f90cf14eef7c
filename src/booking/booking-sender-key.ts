// Who a booking message counts against for BOOKING_THROTTLE_LIMIT. The throttler runs before
// validation, so this reads the raw body; a number is counted in E.164, the form the message is
// stored in, so "+49 170 1112233", "0049170…" and the national "0170…" share one budget.
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Request } from 'express';
import type { SenderKey } from '../common/throttling/throttle.decorators';
import { bookingConfig } from '../config/namespaces';
import { toE164 } from './phone';

const MAX_SENDER_LENGTH = 64;

@Injectable()
export class BookingSenderKey implements SenderKey {
  constructor(
    @Inject(bookingConfig.KEY) private readonly config: ConfigType<typeof bookingConfig>,
  ) {}

  senderOf(req: Request): string | undefined {
    const body: unknown = req.body;
    if (!body || typeof body !== 'object') return undefined;
    const fields = body as Record<string, unknown>;
    const phone = fields.phone ?? fields.from;
    if (typeof phone === 'string' && phone.length <= MAX_SENDER_LENGTH) {
      const e164 = toE164(phone, this.config.defaultCountry);
      if (e164) return e164;
    }
    // GoHighLevel messages without a number are counted per contact.
    const sender = phone ?? fields.contactId;
    return typeof sender === 'string' && sender.length <= MAX_SENDER_LENGTH
      ? sender.replace(/[^\d+A-Za-z]/g, '')
      : undefined;
  }
}
