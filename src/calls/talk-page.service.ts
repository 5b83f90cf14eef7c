// What the talk routes answer: the page of a link call (or "not found"), and the pinned widget
// and page script served from our own origin. The controller only writes these to the response.
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
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

export interface TalkPageAnswer {
  status: 200 | 404;
  html: string;
  /** Set on the page only; the not-found page has no script to allow. */
  contentSecurityPolicy?: string;
}

export interface TalkAsset {
  body: string | Buffer;
  cacheControl: string;
}

@Injectable()
export class TalkPageService {
  constructor(
    private readonly calls: CallRecordsRepository,
    @Inject(agentConfig.KEY) private readonly agent: ConfigType<typeof agentConfig>,
    @Inject(elevenlabsConfig.KEY) private readonly el: ConfigType<typeof elevenlabsConfig>,
  ) {}

  /** The widget (cached for a year: its name carries its hash) or the page script; else null. */
  asset(file: string): TalkAsset | null {
    const widget = widgetAsset();
    if (file === widget.fileName)
      return { body: widget.body, cacheControl: 'public, max-age=31536000, immutable' };
    if (file === PAGE_SCRIPT_FILE) return { body: TALK_PAGE_SCRIPT, cacheControl: 'no-cache' };
    return null;
  }

  async page(token: string): Promise<TalkPageAnswer> {
    const conversationId = verifyTalkToken(token, this.agent.linkSecrets);
    const call = conversationId ? await this.calls.get(conversationId) : undefined;
    const detail = (call?.timeline[0]?.detail ?? {}) as LinkDetail;
    // Links minted before agents were recorded on the call fall back to ELEVENLABS_AGENT_ID.
    const agentId = detail.agent_id ?? this.el.agentId;
    if (!call || call.mode !== 'link' || !agentId)
      return { status: 404, html: renderNotFoundPage() };
    return {
      status: 200,
      contentSecurityPolicy: talkPageCsp(this.el.apiUrl),
      html: renderTalkPage({
        call,
        agentId,
        agentName: this.agent.name,
        language: detail.language ?? this.agent.language,
        prompt: detail.prompt,
        firstMessage: detail.first_message,
        serverLocation: serverLocation(this.el.apiUrl).location,
        widget: widgetAsset(),
      }),
    };
  }
}
