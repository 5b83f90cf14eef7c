// trigger-call: compose the script, dial through ElevenLabs (or mint a talk link), store the call.
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { ApiException } from '../common/errors/api.exception';
import { agentConfig, appConfig, elevenlabsConfig } from '../config/namespaces';
import { ElevenLabsClient } from '../integrations/elevenlabs/elevenlabs.client';
import { CallRecordsRepository } from './call-records.repository';
import { CallScriptService, type CallScript } from './call-script.service';
import type { TriggerCallDto, TriggerCallResponseDto } from './dto/trigger-call.dto';
import { createTalkToken } from './talk-link';

@Injectable()
export class CallsService {
  constructor(
    private readonly scripts: CallScriptService,
    private readonly elevenlabs: ElevenLabsClient,
    private readonly calls: CallRecordsRepository,
    @Inject(elevenlabsConfig.KEY) private readonly el: ConfigType<typeof elevenlabsConfig>,
    @Inject(agentConfig.KEY) private readonly agent: ConfigType<typeof agentConfig>,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  /** Places the call or mints the link; `campaignIdAsSent` (a number stays a number in the answer, as the old service echoed it). */
  async trigger(
    body: TriggerCallDto,
    campaignIdAsSent: string | number = body.campaign_id,
  ): Promise<TriggerCallResponseDto> {
    const script = await this.scripts.compose({
      campaignId: body.campaign_id,
      companyName: body.company_name,
      firstName: body.candidate_first_name,
      lastName: body.candidate_last_name,
    });
    // Link mode (the default) ignores to_number, as the old call trigger service did.
    const answer =
      this.agent.callMode === 'phone' && body.to_number
        ? await this.dial(body, body.to_number, script)
        : await this.link(body, script);
    return { ...answer, data: { ...answer.data, campaign_id: campaignIdAsSent } };
  }

  private async dial(
    body: TriggerCallDto,
    toNumber: string,
    script: CallScript,
  ): Promise<TriggerCallResponseDto> {
    const phoneNumberId = body.agent_phone_number_id ?? this.el.phoneNumberId;
    if (!script.agentId || !this.el.apiKey) {
      throw new ApiException({
        status: 503,
        code: 'elevenlabs_not_configured',
        error: 'Calls not configured',
        message:
          'ELEVENLABS_API_KEY and an agent (set up the campaign, or set ELEVENLABS_AGENT_ID) are needed to place calls',
      });
    }
    if (!phoneNumberId) {
      throw ApiException.missingFields(
        ['agent_phone_number_id'],
        'agent_phone_number_id is required (no ELEVENLABS_PHONE_NUMBER_ID is configured)',
      );
    }
    // An UpstreamError answers 502/504 through the exception filter.
    const placed = await this.elevenlabs.outboundCall({
      agentId: script.agentId,
      agentPhoneNumberId: phoneNumberId,
      toNumber,
      dynamicVariables: script.variables,
      prompt: script.prompt,
      firstMessage: script.firstMessage,
      language: script.language,
    });
    if (!placed.conversationId)
      throw ApiException.badGateway(
        'ElevenLabs',
        `ElevenLabs accepted the call without a conversation id: ${placed.message}`,
      );
    await this.store(body, placed.conversationId, 'phone', 'initiated', {
      telephony: this.elevenlabs.telephony,
      call_sid: placed.callSid,
      agent_id: script.agentId,
      script_source: script.source,
    });
    return this.answer(body, placed.conversationId, 'initiated', script, 'phone');
  }

  private async link(body: TriggerCallDto, script: CallScript): Promise<TriggerCallResponseDto> {
    if (!this.agent.linkSecrets.length) {
      throw new ApiException({
        status: 503,
        code: 'links_not_configured',
        error: 'Talk links not configured',
        message: 'LINK_SECRET must be set to create talk links',
      });
    }
    // A page without an agent has nothing to talk to: no link is minted.
    if (!script.agentId) {
      throw new ApiException({
        status: 503,
        code: 'agent_not_configured',
        error: 'Talk links not configured',
        message:
          'No ElevenLabs agent for this campaign: set up the campaign with ELEVENLABS_API_KEY set, or set ELEVENLABS_AGENT_ID',
      });
    }
    const conversationId = `link_${randomUUID().replace(/-/g, '')}`;
    const link = `${this.app.publicBaseUrl}/talk/${createTalkToken(conversationId, this.agent.linkSecrets[0], this.agent.linkTtlHours)}`;
    await this.store(body, conversationId, 'link', 'link_created', {
      agent_id: script.agentId,
      script_source: script.source,
      prompt: script.prompt,
      first_message: script.firstMessage,
      language: script.language,
      expires_in_hours: this.agent.linkTtlHours,
    });
    const answer = this.answer(body, conversationId, 'link_created', script, 'link');
    return { ...answer, data: { ...answer.data, conversation_link: link } };
  }

  private async store(
    body: TriggerCallDto,
    conversationId: string,
    mode: 'phone' | 'link',
    status: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.calls.create({
      conversationId,
      campaignId: body.campaign_id,
      candidateFirstName: body.candidate_first_name,
      candidateLastName: body.candidate_last_name,
      companyName: body.company_name,
      toNumber: body.to_number ?? null,
      mode,
      status,
      request: { ...body },
      timeline: [{ status, at: new Date().toISOString(), detail }],
    });
  }

  private answer(
    body: TriggerCallDto,
    conversationId: string,
    status: string,
    script: CallScript,
    mode: 'phone' | 'link',
  ): TriggerCallResponseDto {
    return {
      status: 'success',
      // The old call trigger service's text, in both modes; `data.mode` says which ran.
      message: 'Outbound call initiated successfully',
      data: {
        mode,
        campaign_id: body.campaign_id,
        candidate: `${body.candidate_first_name} ${body.candidate_last_name}`,
        company: body.company_name,
        to_number: body.to_number ?? null,
        conversation_id: conversationId,
        call_status: status,
        questionnaire_loaded: script.questionnaireLoaded,
        timestamp: new Date().toISOString(),
        prompt_length: script.prompt.length,
        first_message: script.firstMessage,
      },
    };
  }
}
