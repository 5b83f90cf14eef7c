// GoHighLevel's Conversations API: sends the workflow's reply back over WhatsApp.
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { bookingConfig } from '../../config/namespaces';
import { requestJson } from '../http-json';
import { UpstreamError } from '../upstream-error';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const GHL_API_VERSION = '2021-04-15';
/** The Contacts API's version header. */
export const GHL_CONTACTS_VERSION = '2021-07-28';

@Injectable()
export class GhlClient {
  constructor(
    @Inject(bookingConfig.KEY) private readonly config: ConfigType<typeof bookingConfig>,
  ) {}

  get configured(): boolean {
    return Boolean(this.config.ghlApiToken);
  }

  /** Contact lookup by phone needs the location (sub-account) the contacts live in. */
  get canFindContacts(): boolean {
    return this.configured && Boolean(this.config.ghlLocationId);
  }

  /**
   * `GET /contacts/search/duplicate?locationId&number` (Get Duplicate Contact): the contact with
   * this phone number, or null when GoHighLevel has none.
   */
  async findContactIdByPhone(phone: string): Promise<string | null> {
    const query = new URLSearchParams({
      locationId: this.config.ghlLocationId as string,
      number: phone,
    });
    const { body } = await requestJson<{ contact?: { id?: unknown } | null }>({
      upstream: 'GoHighLevel',
      method: 'GET',
      url: `${this.config.ghlApiUrl}/contacts/search/duplicate?${query.toString()}`,
      headers: {
        Authorization: `Bearer ${this.config.ghlApiToken as string}`,
        Version: GHL_CONTACTS_VERSION,
      },
      timeoutMs: this.config.timeoutMs,
    });
    const contact: unknown = isObject(body) ? body.contact : undefined;
    if (!isObject(body) || (contact != null && !isObject(contact)))
      throw UpstreamError.unexpected('GoHighLevel', 'a contact search answer without `contact`');
    const id = contact?.id;
    return typeof id === 'string' && id ? id : null;
  }

  /** `POST /conversations/messages`; returns GoHighLevel's message id. */
  async sendWhatsApp(contactId: string, message: string): Promise<string | null> {
    const { body } = await requestJson<{ messageId?: string }>({
      upstream: 'GoHighLevel',
      method: 'POST',
      url: `${this.config.ghlApiUrl}/conversations/messages`,
      headers: {
        Authorization: `Bearer ${this.config.ghlApiToken as string}`,
        Version: GHL_API_VERSION,
      },
      body: { type: 'WhatsApp', contactId, message },
      timeoutMs: this.config.timeoutMs,
    });
    if (!isObject(body))
      throw UpstreamError.unexpected('GoHighLevel', 'a send answer that is no object');
    return typeof body.messageId === 'string' ? body.messageId : null;
  }
}
