// The appointment-booking agent's workflow: gets the message with its thread's recent history,
// answers with the reply to send.
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { bookingConfig } from '../../config/namespaces';
import { requestJson } from '../http-json';
import { UpstreamError } from '../upstream-error';

export interface WorkflowRequest {
  thread_id: string;
  phone: string;
  contact_id: string | null;
  message: string;
  message_id: number;
  history: { direction: 'inbound' | 'outbound'; message: string; at: string }[];
}

@Injectable()
export class BookingWorkflowClient {
  constructor(
    @Inject(bookingConfig.KEY) private readonly config: ConfigType<typeof bookingConfig>,
  ) {}

  get configured(): boolean {
    return Boolean(this.config.workflowUrl);
  }

  /** The workflow's reply text, or null when it chose not to answer. */
  async send(request: WorkflowRequest): Promise<string | null> {
    const { body } = await requestJson<Record<string, unknown> | string | undefined>({
      upstream: 'Booking workflow',
      method: 'POST',
      url: this.config.workflowUrl as string,
      body: request,
      timeoutMs: this.config.timeoutMs,
    });
    if (typeof body === 'string') return body || null;
    if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body)))
      throw UpstreamError.unexpected('Booking workflow', 'neither a reply object nor text');
    const reply = body?.reply ?? body?.response ?? body?.message ?? body?.output;
    return typeof reply === 'string' && reply.trim() ? reply : null;
  }
}
