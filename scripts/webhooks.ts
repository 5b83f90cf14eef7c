// Real-format, correctly signed requests for every webhook kind, built from the provider
// examples. Used by `npm run send` (one request at any instance) and `npm run demo`.
import { elevenLabsSignature, fixture, notionSignature, sha256Signature } from '../tools/signing';
import type { Json } from '../tools/json';

export interface Secrets {
  apiToken?: string;
  elevenlabs?: string;
  sync?: string;
  notion?: string;
  booking?: string;
}

export interface Outgoing {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface Options {
  campaignId: string;
  conversationId: string;
  toNumber?: string;
  recordId: string;
  threadId: string;
}

export const KINDS = [
  'health',
  'setup-campaign',
  'trigger-call',
  'post-call-transcription',
  'post-call-audio',
  'post-call-failure',
  'supabase',
  'notion',
  'booking',
] as const;
export type Kind = (typeof KINDS)[number];

const example = (path: string): Json => fixture<Json>(path);
const first = (list?: string) => list?.split(',')[0]?.trim() || undefined;

export function secretsFromEnv(env: NodeJS.ProcessEnv): Secrets {
  return {
    apiToken: first(env.API_TOKENS),
    elevenlabs: first(env.ELEVENLABS_WEBHOOK_SECRETS),
    sync: first(env.SYNC_WEBHOOK_SECRET),
    notion: first(env.NOTION_VERIFICATION_TOKEN),
    booking: first(env.BOOKING_WEBHOOK_SECRET),
  };
}

function json(path: string, body: Json, headers: Record<string, string>): Outgoing {
  return {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

function elevenlabs(body: Json, secrets: Secrets): Outgoing {
  const text = JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secrets.elevenlabs)
    headers['elevenlabs-signature'] = elevenLabsSignature(text, secrets.elevenlabs);
  return { method: 'POST', path: '/webhook/post-call', headers, body: text };
}

function withConversation(body: Json, options: Options): Json {
  const copy = structuredClone(body);
  copy.data.conversation_id = options.conversationId;
  copy.event_timestamp = Math.floor(Date.now() / 1000);
  if (copy.data.conversation_initiation_client_data?.dynamic_variables)
    copy.data.conversation_initiation_client_data.dynamic_variables.campaign_id =
      options.campaignId;
  return copy;
}

export function buildRequest(kind: Kind, options: Options, secrets: Secrets): Outgoing {
  const bearer: Record<string, string> = secrets.apiToken
    ? { authorization: `Bearer ${secrets.apiToken}` }
    : {};
  switch (kind) {
    case 'health':
      return { method: 'GET', path: '/health/ready', headers: {} };
    case 'setup-campaign':
      return json(
        '/webhook/setup-campaign',
        { campaign_id: options.campaignId, force_rebuild: false },
        bearer,
      );
    case 'trigger-call': {
      const body: Json = { ...example('seed/trigger_call.json'), campaign_id: options.campaignId };
      if (options.toNumber) body.to_number = options.toNumber;
      else delete body.to_number;
      delete body.agent_phone_number_id;
      return json('/webhook/trigger-call', body, bearer);
    }
    case 'post-call-transcription':
      return elevenlabs(
        withConversation(example('elevenlabs/post_call_transcription.json'), options),
        secrets,
      );
    case 'post-call-audio':
      return elevenlabs(
        withConversation(example('elevenlabs/post_call_audio.json'), options),
        secrets,
      );
    case 'post-call-failure':
      return elevenlabs(
        withConversation(example('elevenlabs/call_initiation_failure_twilio.json'), options),
        secrets,
      );
    case 'supabase': {
      const body = example('supabase/insert.json');
      body.record = { ...body.record, id: options.recordId, updated_at: new Date().toISOString() };
      return json(
        '/api/v1/webhooks/supabase',
        body,
        secrets.sync ? { 'x-webhook-secret': secrets.sync } : {},
      );
    }
    case 'notion': {
      const body = {
        ...example('notion/page_created.json'),
        id: `${Date.now().toString(16)}-0000-4000-8000-000000000000`,
        timestamp: new Date().toISOString(),
      };
      const text = JSON.stringify(body);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (secrets.notion) headers['x-notion-signature'] = notionSignature(text, secrets.notion);
      return { method: 'POST', path: '/api/v1/webhooks/notion', headers, body: text };
    }
    case 'booking': {
      const text = JSON.stringify({
        ...example('seed/booking_message.json'),
        thread_id: options.threadId,
      });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (secrets.booking) headers['x-webhook-signature'] = sha256Signature(text, secrets.booking);
      return { method: 'POST', path: '/booking/webhook', headers, body: text };
    }
  }
}

export const SEND_TIMEOUT_MS = 30_000;

export async function send(
  base: string,
  request: Outgoing,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(new URL(request.path, base), {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: show as text
  }
  return { status: res.status, body };
}
