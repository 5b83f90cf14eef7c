import { Controller, Get, Header, Inject, Param, Res } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/auth/auth.decorators';
import { agentConfig, elevenlabsConfig } from '../config/namespaces';
import { CallRecords } from './call-records.repository';
import { renderNotFoundPage, renderTalkPage, TALK_PAGE_CSP } from './talk-page';
import { verifyTalkToken } from './talk-link';

@ApiTags('Calls')
@Controller('talk')
export class TalkController {
  constructor(
    private readonly calls: CallRecords,
    @Inject(agentConfig.KEY) private readonly agent: ConfigType<typeof agentConfig>,
    @Inject(elevenlabsConfig.KEY) private readonly el: ConfigType<typeof elevenlabsConfig>,
  ) {}

  /** HTML for a person, not an API: kept out of the OpenAPI document. */
  @ApiExcludeEndpoint()
  @Get(':token')
  @Public()
  @Header('Cache-Control', 'no-store')
  async page(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const conversationId = verifyTalkToken(token, this.agent.linkSecret);
    const call = conversationId ? await this.calls.get(conversationId) : undefined;
    res.type('html');
    if (!call || call.mode !== 'link') {
      res.status(404).send(renderNotFoundPage());
      return;
    }
    const detail =
      (call.timeline as { detail?: { first_message?: string; language?: string } }[])[0]?.detail ??
      {};
    res.setHeader('Content-Security-Policy', TALK_PAGE_CSP);
    res.status(200).send(
      renderTalkPage({
        call,
        agentId: this.el.agentId ?? '',
        agentName: this.agent.name,
        language: detail.language ?? this.agent.language,
        firstMessage: detail.first_message,
      }),
    );
  }
}
