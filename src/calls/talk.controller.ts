import { Controller, Get, Header, Inject, Param, Res } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/auth/auth.decorators';
import { agentConfig, elevenlabsConfig } from '../config/namespaces';
import { CallRecordsRepository } from './call-records.repository';
import { PAGE_SCRIPT_FILE, renderNotFoundPage, renderTalkPage } from './talk-page';
import { TALK_PAGE_SCRIPT } from './talk-page.script';
import { verifyTalkToken } from './talk-link';
import { serverLocation, talkPageCsp, widgetAsset } from './talk-widget';

interface LinkDetail {
  agent_id?: string | null;
  prompt?: string;
  first_message?: string;
  language?: string;
}

@ApiTags('Calls')
@Controller('talk')
export class TalkController {
  constructor(
    private readonly calls: CallRecordsRepository,
    @Inject(agentConfig.KEY) private readonly agent: ConfigType<typeof agentConfig>,
    @Inject(elevenlabsConfig.KEY) private readonly el: ConfigType<typeof elevenlabsConfig>,
  ) {}

  /** The pinned widget and the page's script, from our own origin (declared before `:token`). */
  @ApiExcludeEndpoint()
  @Get('assets/:file')
  @Public()
  asset(@Param('file') file: string, @Res() res: Response): void {
    const widget = widgetAsset();
    const body =
      file === widget.fileName ? widget.body : file === PAGE_SCRIPT_FILE ? TALK_PAGE_SCRIPT : null;
    if (body === null) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    res.setHeader(
      'Cache-Control',
      file === widget.fileName ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    res.type('application/javascript').send(body);
  }

  /** HTML for a person, not an API: kept out of the OpenAPI document. */
  @ApiExcludeEndpoint()
  @Get(':token')
  @Public()
  @Header('Cache-Control', 'no-store')
  async page(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const conversationId = verifyTalkToken(token, this.agent.linkSecret);
    const call = conversationId ? await this.calls.get(conversationId) : undefined;
    res.type('html');
    const detail: LinkDetail =
      (call?.timeline as { detail?: LinkDetail }[] | undefined)?.[0]?.detail ?? {};
    // Links minted before agents were recorded on the call fall back to ELEVENLABS_AGENT_ID.
    const agentId = detail.agent_id ?? this.el.agentId;
    if (!call || call.mode !== 'link' || !agentId) {
      res.status(404).send(renderNotFoundPage());
      return;
    }
    const widget = widgetAsset();
    res.setHeader('Content-Security-Policy', talkPageCsp(this.el.apiUrl));
    res.status(200).send(
      renderTalkPage({
        call,
        agentId,
        agentName: this.agent.name,
        language: detail.language ?? this.agent.language,
        prompt: detail.prompt,
        firstMessage: detail.first_message,
        serverLocation: serverLocation(this.el.apiUrl).location,
        widget,
      }),
    );
  }
}
