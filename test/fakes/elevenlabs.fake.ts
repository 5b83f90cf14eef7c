// ElevenLabs' outbound-call API on 127.0.0.1 (Twilio and SIP trunk), answering like the real one.
import { FakeServer, type RecordedRequest } from './fake-server';

export class FakeElevenLabs extends FakeServer {
  private counter = 0;
  /** Conversation ids stay unique across runs, as ElevenLabs' are. */
  private readonly run = Date.now().toString(36);

  constructor(readonly apiKey = 'fake-xi-api-key') {
    super('ElevenLabs');
    this.on('POST', '/v1/convai/twilio/outbound-call', (req) =>
      this.answer(req, (id) => ({
        success: true,
        message: 'Success',
        conversation_id: id,
        callSid: `CA${id}`,
      })),
    );
    this.on('POST', '/v1/convai/sip-trunk/outbound-call', (req) =>
      this.answer(req, (id) => ({
        success: true,
        message: 'Success',
        conversation_id: id,
        sip_call_id: `sip-${id}`,
      })),
    );
  }

  private answer(req: RecordedRequest, body: (id: string) => unknown) {
    if (req.headers['xi-api-key'] !== this.apiKey)
      return {
        status: 401,
        body: { detail: { status: 'invalid_api_key', message: 'Invalid API key' } },
      };
    const json = req.json as Record<string, unknown> | undefined;
    const missing = ['agent_id', 'agent_phone_number_id', 'to_number'].filter(
      (field) => !json?.[field],
    );
    if (missing.length)
      return {
        status: 422,
        body: {
          detail: missing.map((field) => ({
            type: 'missing',
            loc: ['body', field],
            msg: 'Field required',
            input: null,
          })),
        },
      };
    this.counter += 1;
    return {
      status: 200,
      body: body(`conv_fake${this.run}${String(this.counter).padStart(4, '0')}`),
    };
  }

  calls(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/outbound-call'));
  }
}
