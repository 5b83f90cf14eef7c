// Request examples for the OpenAPI document, from the provider fixtures.
import failure from '../docs/examples/elevenlabs/call_initiation_failure_twilio.json';
import audio from '../docs/examples/elevenlabs/post_call_audio.json';
import transcription from '../docs/examples/elevenlabs/post_call_transcription.json';

export const POST_CALL_EXAMPLES = {
  transcription: { summary: 'post_call_transcription', value: transcription },
  audio: { summary: 'post_call_audio (base64 MP3)', value: audio },
  failure: { summary: 'call_initiation_failure (Twilio)', value: failure },
};
