// A whole screening call as the operating suites need it: triggered in link mode (with an
// Idempotency-Key, so a cached answer names the call too), then its transcription and audio
// delivered by "ElevenLabs". Answers the conversation id once the call is completed.
import request from 'supertest';
import { elevenLabsSignature, fixture } from '../../tools/signing';
import { bearer, ELEVENLABS_SECRET, eventually } from './test-app';

type Json = Record<string, any>;

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

async function postCall(url: string, body: Json): Promise<void> {
  const text = JSON.stringify(body);
  await request(url)
    .post('/webhook/post-call')
    .set('Content-Type', 'application/json')
    .set('ElevenLabs-Signature', elevenLabsSignature(text, ELEVENLABS_SECRET))
    .send(text)
    .expect(200);
}

export async function completedCall(url: string, candidate: Json = CANDIDATE): Promise<string> {
  const trigger = await request(url)
    .post('/webhook/trigger-call')
    .set({ ...bearer, 'Idempotency-Key': `scenario-${candidate.candidate_last_name}` })
    .send(candidate)
    .expect(200);
  const conversationId = trigger.body.data.conversation_id as string;
  for (const name of ['post_call_transcription', 'post_call_audio']) {
    const body = structuredClone(fixture<Json>(`elevenlabs/${name}.json`));
    body.data.conversation_id = conversationId;
    body.event_timestamp = Math.floor(Date.now() / 1000);
    if (name === 'post_call_audio') body.data.full_audio = secondOfSilence(body.data.full_audio);
    await postCall(url, body);
  }
  await eventually(async () => {
    const res = await request(url).get(`/calls/${conversationId}`).set(bearer);
    return (
      res.status === 200 && res.body.data.status === 'completed' && res.body.data.artefacts.audio
    );
  });
  return conversationId;
}
