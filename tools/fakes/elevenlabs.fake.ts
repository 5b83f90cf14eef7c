// ElevenLabs on 127.0.0.1: outbound calls (Twilio and SIP trunk), agent create/update and the
// widget's agent config, answering like the real API. Every request body is checked against the
// official SDK's own request schemas (strictly: no unknown keys, enums or union members), so a
// body the real API would not accept fails here too, whatever our code happens to send.
import * as schemas from '@elevenlabs/elevenlabs-js/serialization';
import { FakeServer, type FakeReply, type RecordedRequest } from './fake-server';
import type { Json } from '../json';

interface BodySchema {
  parse(
    raw: unknown,
    options: Json,
  ): { ok: true } | { ok: false; errors: { path: string[]; message: string }[] };
}

const STRICT = {
  unrecognizedObjectKeys: 'fail',
  allowUnrecognizedEnumValues: false,
  allowUnrecognizedUnionMembers: false,
  skipValidation: false,
};

const ai = schemas.conversationalAi;
const OUTBOUND = {
  twilio: ai.BodyHandleAnOutboundCallViaTwilioV1ConvaiTwilioOutboundCallPost,
  sip: ai.BodyHandleAnOutboundCallViaSipTrunkV1ConvaiSipTrunkOutboundCallPost,
};

export interface FakeAgent {
  agent_id: string;
  created: Json;
  updates: Json[];
  /** The agent as ElevenLabs holds it: the create body with every update merged in. */
  config: Json;
}

/** ElevenLabs' 422: FastAPI's validation detail. */
const unprocessable = (errors: { loc: string[]; msg: string; type?: string }[]): FakeReply => ({
  status: 422,
  body: {
    detail: errors.map((e) => ({
      type: e.type ?? 'value_error',
      loc: e.loc,
      msg: e.msg,
      input: null,
    })),
  },
});

const merge = (target: Json, patch: Json): Json => {
  const out: Json = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    out[key] =
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      out[key] &&
      typeof out[key] === 'object'
        ? merge(out[key], value)
        : value;
  }
  return out;
};

export class FakeElevenLabs extends FakeServer {
  private counter = 0;
  /** Conversation ids stay unique across runs, as ElevenLabs' are. */
  private readonly run = Date.now().toString(36);
  /** Agents created through the API; others (ELEVENLABS_AGENT_ID) act as dashboard agents. */
  readonly agents = new Map<string, FakeAgent>();
  /** Bodies the SDK schemas refused, with the reasons: a test expects none where it sends none. */
  readonly rejected: { path: string; errors: string[] }[] = [];

  constructor(readonly apiKey = 'fake-xi-api-key') {
    super('ElevenLabs');
    this.on('POST', '/v1/convai/twilio/outbound-call', (req) =>
      this.outbound(req, OUTBOUND.twilio, (id) => ({
        success: true,
        message: 'Success',
        conversation_id: id,
        callSid: `CA${id}`,
      })),
    );
    this.on('POST', '/v1/convai/sip-trunk/outbound-call', (req) =>
      this.outbound(req, OUTBOUND.sip, (id) => ({
        success: true,
        message: 'Success',
        conversation_id: id,
        sip_call_id: `sip-${id}`,
      })),
    );
    this.on('POST', '/v1/convai/agents/create', (req) =>
      this.checked(req, ai.BodyCreateAgentV1ConvaiAgentsCreatePost, (body) => {
        const agentId = `agent_fake${this.run}${String(this.agents.size + 1).padStart(4, '0')}`;
        this.agents.set(agentId, { agent_id: agentId, created: body, updates: [], config: body });
        return { status: 200, body: { agent_id: agentId } };
      }),
    );
    this.on('PATCH', /^\/v1\/convai\/agents\/[^/]+$/, (req) =>
      this.checked(req, ai.UpdateAgentRequest, (body) => {
        const agent = this.agents.get(req.path.split('/').pop()!);
        if (!agent)
          return {
            status: 404,
            body: { detail: { status: 'agent_not_found', message: 'Agent not found' } },
          };
        agent.updates.push(body);
        agent.config = merge(agent.config, body);
        return {
          status: 200,
          body: {
            agent_id: agent.agent_id,
            name: agent.config.name ?? '',
            conversation_config: {},
            metadata: { created_at_unix_secs: 1763800000, updated_at_unix_secs: 1763800001 },
            tags: agent.config.tags ?? [],
          },
        };
      }),
    );
    // The widget's public agent config (no API key: the browser asks for it).
    this.on('GET', /^\/v1\/convai\/agents\/[^/]+\/widget$/, (req) => ({
      status: 200,
      headers: { 'access-control-allow-origin': '*' },
      body: { agent_id: req.path.split('/')[4], widget_config: this.widgetConfig },
    }));
  }

  widgetConfig: Json = {
    variant: 'full',
    placement: 'bottom-right',
    avatar: { type: 'orb', color_1: '#2792dc', color_2: '#9ce6e6' },
    feedback_mode: 'none',
    language: 'en',
    supported_language_overrides: [],
    text_contents: {},
    styles: {},
    mic_muting_enabled: false,
    transcript_enabled: false,
    text_input_enabled: false,
    default_expanded: false,
    always_expanded: false,
    text_only: false,
    use_rtc: false,
    terms_enabled: false,
  };

  private authorised(req: RecordedRequest): FakeReply | null {
    return req.headers['xi-api-key'] === this.apiKey
      ? null
      : {
          status: 401,
          body: { detail: { status: 'invalid_api_key', message: 'Invalid API key' } },
        };
  }

  /** Validates the body against the SDK's schema before `handle` sees it. */
  private checked(
    req: RecordedRequest,
    schema: BodySchema,
    handle: (body: Json) => FakeReply,
  ): FakeReply {
    const denied = this.authorised(req);
    if (denied) return denied;
    const parsed = schema.parse(req.json ?? {}, STRICT);
    if (!parsed.ok) {
      this.rejected.push({
        path: req.path,
        errors: parsed.errors.map((e) => `${e.path.join('.')}: ${e.message}`),
      });
      return unprocessable(
        parsed.errors.map((e) => ({ loc: ['body', ...e.path], msg: e.message })),
      );
    }
    return handle(req.json as Json);
  }

  private outbound(
    req: RecordedRequest,
    schema: BodySchema,
    answer: (id: string) => unknown,
  ): FakeReply {
    return this.checked(req, schema, (body) => {
      const missing = ['agent_id', 'agent_phone_number_id', 'to_number'].filter(
        (field) => !body[field],
      );
      if (missing.length)
        return unprocessable(
          missing.map((field) => ({
            loc: ['body', field],
            msg: 'Field required',
            type: 'missing',
          })),
        );
      const refused = this.refusedOverride(body.agent_id, body.conversation_initiation_client_data);
      if (refused)
        return {
          status: 400,
          body: { detail: { status: 'override_not_allowed', message: refused } },
        };
      this.counter += 1;
      return {
        status: 200,
        body: answer(`conv_fake${this.run}${String(this.counter).padStart(4, '0')}`),
      };
    });
  }

  /** ElevenLabs refuses an override the agent does not enable (agents created here only). */
  refusedOverride(agentId: string, initiation: Json | undefined): string | null {
    const agent = this.agents.get(agentId);
    const sent = initiation?.conversation_config_override?.agent ?? {};
    if (!agent) return null;
    const allowed =
      agent.config.platform_settings?.overrides?.conversation_config_override?.agent ?? {};
    const checks: [string, unknown, unknown][] = [
      ['prompt', sent.prompt?.prompt, allowed.prompt?.prompt],
      ['first_message', sent.first_message, allowed.first_message],
      ['language', sent.language, allowed.language],
    ];
    const field = checks.find(([, value, enabled]) => value != null && enabled !== true)?.[0];
    return field ? `Override for field '${field}' is not allowed by config.` : null;
  }

  calls(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/outbound-call'));
  }

  agentWrites(): RecordedRequest[] {
    return this.requests.filter(
      (r) =>
        r.path === '/v1/convai/agents/create' ||
        (r.method === 'PATCH' && r.path.startsWith('/v1/convai/agents/')),
    );
  }
}
