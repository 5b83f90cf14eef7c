import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/auth/auth.decorators';
import { TalkPageService } from './talk-page.service';

@ApiTags('Calls')
@Controller('talk')
export class TalkController {
  constructor(private readonly talk: TalkPageService) {}

  /** The pinned widget and the page's script, from our own origin (declared before `:token`). */
  @ApiExcludeEndpoint()
  @Get('assets/:file')
  @Public()
  asset(@Param('file') file: string, @Res() res: Response): void {
    const asset = this.talk.asset(file);
    if (!asset) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    res.setHeader('Cache-Control', asset.cacheControl);
    res.type('application/javascript').send(asset.body);
  }

  /** HTML for a person, not an API: kept out of the OpenAPI document. */
  @ApiExcludeEndpoint()
  @Get(':token')
  @Public()
  @Header('Cache-Control', 'no-store')
  async page(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const answer = await this.talk.page(token);
    if (answer.contentSecurityPolicy)
      res.setHeader('Content-Security-Policy', answer.contentSecurityPolicy);
    res.type('html').status(answer.status).send(answer.html);
  }
}
