// A whole screening call as the operating suites need it: triggered in link mode (with an
// Idempotency-Key, so a cached answer names the call too), then its transcription and audio
// delivered by "ElevenLabs". Answers the conversation id once the call is completed.
import request from 'supertest';
import { postCallBody, signedPostCall } from './factories';
import { bearer, eventually } from './test-app';
import type { Json } from '../../tools/json';

export const CANDIDATE = {
  campaign_id: 123,
  company_name: 'Tech Startup GmbH',
  candidate_first_name: 'Wilhelmine',
  candidate_last_name: 'Quenstedt',
};

/**
 * The fixture's MP3 is one silent frame (26 ms), too short for a browser to play; forty of them
 * make a second it can.
 */
function secondOfSilence(fixtureBase64: string): string {
  const bytes = Buffer.from(fixtureBase64, 'base64');
  const id3 = bytes.subarray(0, 10);
  const frame = bytes.subarray(10);
  return Buffer.concat([id3, ...Array.from({ length: 40 }, () => frame)]).toString('base64');
}

export async function completedCall(url: string, candidate: Json = CANDIDATE): Promise<string> {
  const trigger = await request(url)
    .post('/webhook/trigger-call')
    .set({ ...bearer, 'Idempotency-Key': `scenario-${candidate.candidate_last_name}` })
    .send(candidate)
    .expect(200);
  const conversationId = trigger.body.data.conversation_id as string;
  for (const kind of ['post_call_transcription', 'post_call_audio'] as const) {
    const body = postCallBody(kind, conversationId);
    body.event_timestamp = Math.floor(Date.now() / 1000);
    if (kind === 'post_call_audio') body.data.full_audio = secondOfSilence(body.data.full_audio);
    await signedPostCall(url, body).expect(200);
  }
  await eventually(async () => {
    const res = await request(url).get(`/calls/${conversationId}`).set(bearer);
    return (
      res.status === 200 && res.body.data.status === 'completed' && res.body.data.artefacts.audio
    );
  });
  return conversationId;
}
