// Outbound screening calls (Twilio or SIP trunk) and the campaigns' agents, through the official
// ElevenLabs SDK with the configured base URL. SDK errors become UpstreamErrors carrying ElevenLabs' own detail.
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { ElevenLabs, ElevenLabsClient as Sdk } from '@elevenlabs/elevenlabs-js';
import { ElevenLabsError, ElevenLabsTimeoutError } from '@elevenlabs/elevenlabs-js/errors';
import {
  JsonError,
  ParseError,
} from '@elevenlabs/elevenlabs-js/core/schemas/builders/schema-utils';
import { elevenlabsConfig } from '../../config/namespaces';
import { UpstreamError } from '../upstream-error';

export interface OutboundCallRequest {
  agentId: string;
  agentPhoneNumberId: string;
  toNumber: string;
  dynamicVariables: Record<string, string>;
  prompt: string;
  firstMessage: string;
  language: string;
}

export interface OutboundCallResult {
  conversationId: string | null;
  callSid: string | null;
  message: string;
}

@Injectable()
export class ElevenLabsClient {
  private sdk?: Promise<Sdk>;

  constructor(
    @Inject(elevenlabsConfig.KEY) private readonly config: ConfigType<typeof elevenlabsConfig>,
  ) {}

  /** The SDK weighs ~100 MB resident; it is loaded on the first call, not at start-up. */
  private client(): Promise<Sdk> {
    this.sdk ??= import('@elevenlabs/elevenlabs-js').then(
      ({ ElevenLabsClient }) =>
        new ElevenLabsClient({
          apiKey: this.config.apiKey ?? '',
          baseUrl: this.config.apiUrl,
          timeoutInSeconds: Math.ceil(this.config.timeoutMs / 1000),
          // A retried outbound call could ring the candidate twice; the caller decides.
          maxRetries: 0,
        }),
    );
    return this.sdk;
  }

  get telephony(): 'twilio' | 'sip_trunk' {
    return this.config.telephony;
  }

  async outboundCall(call: OutboundCallRequest): Promise<OutboundCallResult> {
    const request = {
      agentId: call.agentId,
      agentPhoneNumberId: call.agentPhoneNumberId,
      toNumber: call.toNumber,
      conversationInitiationClientData: {
        dynamicVariables: call.dynamicVariables,
        conversationConfigOverride: {
          agent: {
            prompt: { prompt: call.prompt },
            firstMessage: call.firstMessage,
            language: call.language,
          },
        },
      },
    };
    try {
      const sdk = await this.client();
      if (this.config.telephony === 'sip_trunk') {
        const answer = await sdk.conversationalAi.sipTrunk.outboundCall(request);
        return {
          conversationId: answer.conversationId ?? null,
          callSid: answer.sipCallId ?? null,
          message: answer.message,
        };
      }
      const answer = await sdk.conversationalAi.twilio.outboundCall(request);
      return {
        conversationId: answer.conversationId ?? null,
        callSid: answer.callSid ?? null,
        message: answer.message,
      };
    } catch (error) {
      throw this.translate(error);
    }
  }

  /** Creates an agent; its id. */
  async createAgent(
    request: ElevenLabs.conversationalAi.BodyCreateAgentV1ConvaiAgentsCreatePost,
  ): Promise<string> {
    try {
      return (await (await this.client()).conversationalAi.agents.create(request)).agentId;
    } catch (error) {
      throw this.translate(error);
    }
  }

  /** Updates an agent (PATCH: fields not sent are kept). */
  async updateAgent(
    agentId: string,
    request: ElevenLabs.conversationalAi.UpdateAgentRequest,
  ): Promise<void> {
    try {
      await (await this.client()).conversationalAi.agents.update(agentId, request);
    } catch (error) {
      throw this.translate(error);
    }
  }

  private translate(error: unknown): unknown {
    // The SDK reports its own timeout either as ElevenLabsTimeoutError or as a status-less error saying "timeout".
    const timedOut =
      error instanceof ElevenLabsTimeoutError ||
      (error instanceof ElevenLabsError &&
        error.statusCode === undefined &&
        /time ?out|abort/i.test(error.message));
    if (timedOut) {
      return UpstreamError.timeout('ElevenLabs', this.config.timeoutMs);
    }
    // The SDK validates answers against its schemas: one it cannot parse is ElevenLabs' fault, not ours.
    if (error instanceof ParseError || error instanceof JsonError)
      return UpstreamError.unexpected('ElevenLabs', error.message);
    if (error instanceof ElevenLabsError) {
      if (error.statusCode === undefined)
        return new UpstreamError(
          'ElevenLabs',
          'network',
          `ElevenLabs unreachable: ${error.message}`,
        );
      return new UpstreamError(
        'ElevenLabs',
        'http',
        `ElevenLabs answered ${error.statusCode}`,
        error.statusCode,
        error.body,
      );
    }
    return error;
  }
}
