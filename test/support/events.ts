// Helpers of the operating suites: post Supabase changes, read one event, wait on its status.
import request from 'supertest';
import { supabaseChange } from './factories';
import { bearer, eventually, SYNC_SECRET, type TestApp } from './test-app';

type Json = Record<string, any>;

export const supabaseInsert = (table: string, record: Json) => supabaseChange(table, record);

export async function postSupabase(url: string, body: Json): Promise<string> {
  const res = await request(url)
    .post('/api/v1/webhooks/supabase')
    .set('X-Webhook-Secret', SYNC_SECRET)
    .send(body)
    .expect(202);
  return res.body.details.event_id as string;
}

export async function getEvent(url: string, id: string): Promise<Json> {
  const res = await request(url).get(`/api/v1/webhooks/events/${id}`).set(bearer).expect(200);
  return res.body.data as Json;
}

export async function eventWithStatus(
  t: TestApp | { url: string },
  id: string,
  status: string,
  timeoutMs = 20_000,
): Promise<Json> {
  let last: Json | undefined;
  try {
    return await eventually(async () => {
      last = await getEvent(t.url, id);
      return last.status === status ? last : undefined;
    }, timeoutMs);
  } catch (error) {
    throw new Error(`event ${id} not ${status}; last seen ${JSON.stringify(last)}`, {
      cause: error,
    });
  }
}
