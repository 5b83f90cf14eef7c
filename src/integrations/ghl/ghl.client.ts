// GoHighLevel's Conversations API: sends the workflow's reply back over WhatsApp.
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { bookingConfig } from '../../config/namespaces';
import { requestJson } from '../http-json';

export const GHL_API_VERSION = '2021-04-15';

@Injectable()
export class GhlClient {
  constructor(
    @Inject(bookingConfig.KEY) private readonly config: ConfigType<typeof bookingConfig>,
  ) {}

  get configured(): boolean {
    return Boolean(this.config.ghlApiToken);
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
    return body?.messageId ?? null;
  }
}
