// What the sync suites send and read back: Supabase and Notion webhooks as their senders sign
// them, a mirrored record, and an event once the job brought it to a status.
import request from 'supertest';
import { notionSignature } from '../../tools/signing';
import type { Json } from '../../tools/json';
import { bearer, eventually, NOTION_TOKEN, SYNC_SECRET, type TestApp } from './test-app';

export const supabase = (
  t: TestApp,
  body: Json,
  headers: Record<string, string> = { 'X-Webhook-Secret': SYNC_SECRET },
) => request(t.url).post('/api/v1/webhooks/supabase').set(headers).send(body);

export const notion = (t: TestApp, body: Json, token = NOTION_TOKEN) => {
  const text = JSON.stringify(body);
  return request(t.url)
    .post('/api/v1/webhooks/notion')
    .set('Content-Type', 'application/json')
    .set('X-Notion-Signature', notionSignature(text, token))
    .send(text);
};

export const record = (t: TestApp, path: string) =>
  request(t.url).get(`/api/v1/records/${path}`).set(bearer);

/** The event from the log once it reached `status`, polling (jobs run after the 202). */
export async function processed(t: TestApp, eventId: string, status = 'processed'): Promise<Json> {
  let last: Json | undefined;
  try {
    return await eventually(async () => {
      const res = await request(t.url)
        .get('/api/v1/webhooks/events')
        .query({ limit: 200 })
        .set(bearer)
        .expect(200);
      last = (res.body.data.items as Json[]).find((e) => e.id === eventId);
      return last && last.status === status ? last : undefined;
    }, 20_000);
  } catch (error) {
    throw new Error(`event ${eventId} not ${status}; last seen ${JSON.stringify(last)}`, {
      cause: error,
    });
  }
}
