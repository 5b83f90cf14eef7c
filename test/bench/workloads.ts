// The benchmark's request generators: every request is a new, correctly signed event.
import type { Request as AutocannonRequest } from 'autocannon';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SECRETS = {
  elevenlabs: 'bench-elevenlabs-secret',
  sync: 'bench-sync-secret',
  api: 'bench-api-token-0123',
  booking: 'bench-booking-secret',
};

const examples = join(__dirname, '..', '..', 'src', 'docs', 'examples');
const transcription = readFileSync(
  join(examples, 'elevenlabs', 'post_call_transcription.json'),
  'utf8',
);
const insert = JSON.parse(readFileSync(join(examples, 'supabase', 'insert.json'), 'utf8')) as {
  record: Record<string, unknown>;
};

let counter = 0;
const runId = Date.now().toString(36);
const next = () => `${runId}${(counter++).toString(36)}`;

export function signedTranscription(): { body: string; headers: Record<string, string> } {
  const body = transcription.replace(/conv_01jx9abcdef/g, `conv_${next()}`);
  const t = Math.floor(Date.now() / 1000);
  const mac = createHmac('sha256', SECRETS.elevenlabs).update(`${t}.${body}`).digest('hex');
  return {
    body,
    headers: { 'content-type': 'application/json', 'elevenlabs-signature': `t=${t},v0=${mac}` },
  };
}

export function supabaseInsert(): { body: string; headers: Record<string, string> } {
  const id = next();
  const body = JSON.stringify({
    ...insert,
    record: { ...insert.record, id, updated_at: new Date().toISOString() },
  });
  return {
    body,
    headers: { 'content-type': 'application/json', 'x-webhook-secret': SECRETS.sync },
  };
}

export function bookingMessage(): { body: string; headers: Record<string, string> } {
  const id = next();
  const body = JSON.stringify({
    message: 'Ich möchte einen Termin buchen',
    phone: `+49170${String(counter % 1_000_000).padStart(7, '0')}`,
    thread_id: `bench_${id}`,
  });
  const signature = createHmac('sha256', SECRETS.booking).update(body).digest('hex');
  return {
    body,
    headers: { 'content-type': 'application/json', 'x-webhook-signature': `sha256=${signature}` },
  };
}

export interface Workload {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  make?: () => { body: string; headers: Record<string, string> };
  /** The floor serves it too. */
  floor: boolean;
}

export const WORKLOADS: Workload[] = [
  {
    name: 'post-call transcription (signed, ~3.5 KB)',
    method: 'POST',
    path: '/webhook/post-call',
    make: signedTranscription,
    floor: true,
  },
  {
    name: 'Supabase INSERT (shared secret)',
    method: 'POST',
    path: '/api/v1/webhooks/supabase',
    make: supabaseInsert,
    floor: true,
  },
  {
    name: 'booking message (HMAC, API-only)',
    method: 'POST',
    path: '/booking/webhook',
    make: bookingMessage,
    floor: false,
  },
  { name: 'GET /health', method: 'GET', path: '/health', floor: true },
];

export function autocannonRequests(workload: Workload): AutocannonRequest[] {
  if (!workload.make) return [{ method: workload.method, path: workload.path }];
  const make = workload.make;
  return [
    {
      method: workload.method,
      path: workload.path,
      setupRequest: (req) => {
        const { body, headers } = make();
        return { ...req, body, headers: { ...req.headers, ...headers } };
      },
    },
  ];
}
