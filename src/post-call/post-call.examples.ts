// Request examples for the OpenAPI document, from the provider fixtures.
import failure from '../docs/examples/elevenlabs/call_initiation_failure_twilio.json';
import audio from '../docs/examples/elevenlabs/post_call_audio.json';
import transcription from '../docs/examples/elevenlabs/post_call_transcription.json';

export const POST_CALL_EXAMPLES = {
  transcription: { summary: 'post_call_transcription', value: transcription },
  audio: { summary: 'post_call_audio (base64 MP3)', value: audio },
  failure: { summary: 'call_initiation_failure (Twilio)', value: failure },
  legacyTranscription: {
    summary: "Legacy flat transcription (the replaced service's sample)",
    value: {
      conversation_id: 'conv_abc123',
      transcript: 'Hello, how can I help you today?',
      status: 'completed',
      duration: 120,
      timestamp: '2025-11-12T08:00:00Z',
    },
  },
  legacyFailure: {
    summary: "Legacy flat failure (the replaced service's sample)",
    value: {
      conversation_id: 'conv_abc123',
      error_code: 'INIT_FAILED',
      error_message: 'Failed to initialize call',
      timestamp: '2025-11-12T08:00:00Z',
    },
  },
};
