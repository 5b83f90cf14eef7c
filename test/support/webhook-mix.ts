// Sustained, signed webhook load of three kinds (Supabase change, ElevenLabs post-call
// transcription, booking message) spread over several replicas until stopped. Every request
// names a subject of its own (record id, conversation id, thread id), so the event log can be
// checked request by request afterwards: acknowledged, stored, processed, stored twice.
import { elevenLabsSignature, fixture, hmacHex } from '../../tools/signing';
import { BOOKING_SECRET, ELEVENLABS_SECRET, SYNC_SECRET } from './test-app';

export type WebhookKind = 'supabase' | 'post-call' | 'booking';
export const WEBHOOK_KINDS: WebhookKind[] = ['supabase', 'post-call', 'booking'];

export interface Sent {
  kind: WebhookKind;
  /** The event's subject: record id, conversation id or thread id. */
  subject: string;
  /** Which replica (index into the urls) answered. */
  replica: number;
  status: number | 'error';
}

type Json = Record<string, any>;
const transcription = fixture<Json>('elevenlabs/post_call_transcription.json');

/** A phone number of its own per message, so the load never meets the per-sender limit. */
export const phoneFor = (run: string, n: number) =>
  `+4917${run.slice(0, 4).padStart(4, '0')}${String(n).padStart(5, '0')}`;

function requestFor(
  kind: WebhookKind,
  subject: string,
  n: number,
  run: string,
): { path: string; body: string; auth: Record<string, string> } {
  if (kind === 'supabase') {
    const body = JSON.stringify({
      type: 'INSERT',
      table: 'redis_load',
      schema: 'public',
      record: { id: subject, status: 'new', updated_at: '2026-11-20T10:00:00+00:00' },
      old_record: null,
    });
    return { path: '/api/v1/webhooks/supabase', body, auth: { 'x-webhook-secret': SYNC_SECRET } };
  }
  if (kind === 'post-call') {
    const payload = structuredClone(transcription);
    payload.data.conversation_id = subject;
    const body = JSON.stringify(payload);
    const signature = elevenLabsSignature(body, ELEVENLABS_SECRET);
    return { path: '/webhook/post-call', body, auth: { 'elevenlabs-signature': signature } };
  }
  const body = JSON.stringify({
    message: `load ${n}`,
    phone: phoneFor(run, n),
    thread_id: subject,
  });
  const signature = `sha256=${hmacHex(body, BOOKING_SECRET)}`;
  return { path: '/booking/webhook', body, auth: { 'x-webhook-signature': signature } };
}

export class WebhookMix {
  readonly sent: Sent[] = [];
  private next = 0;
  private stopping = false;
  private running?: Promise<void>;

  /**
   * `run`: a tag (digits) that makes this run's subjects and phones unique in a shared Redis.
   * `clientTimeoutMs`: a request without an answer by then counts as 'error' (a hang).
   */
  constructor(
    private readonly urls: string[],
    private readonly run: string,
    private readonly clientTimeoutMs: number,
  ) {}

  get acknowledged(): number {
    return this.sent.filter((s) => typeof s.status === 'number' && s.status < 300).length;
  }

  start(lanes: number): void {
    this.running = Promise.all(Array.from({ length: lanes }, () => this.lane())).then(
      () => undefined,
    );
  }

  async stop(): Promise<Sent[]> {
    this.stopping = true;
    await this.running;
    return this.sent;
  }

  private async lane(): Promise<void> {
    while (!this.stopping) {
      const n = this.next++;
      const kind = WEBHOOK_KINDS[n % WEBHOOK_KINDS.length];
      const replica = Math.floor(n / WEBHOOK_KINDS.length) % this.urls.length;
      const subject = `rl${this.run}_${kind.replace('-', '')}_${n}`;
      const { path, body, auth } = requestFor(kind, subject, n, this.run);
      let status: Sent['status'];
      try {
        const res = await fetch(`${this.urls[replica]}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...auth },
          body,
          signal: AbortSignal.timeout(this.clientTimeoutMs),
        });
        await res.arrayBuffer();
        status = res.status;
      } catch {
        status = 'error';
      }
      this.sent.push({ kind, subject, replica, status });
    }
  }
}
