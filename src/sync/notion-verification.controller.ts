// What the operator copies into NOTION_VERIFICATION_TOKEN: every handshake that arrived, with
// where it came from, so a forged one stands out instead of replacing the real one.
import { Controller, Get, Inject } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BearerAuth } from '../common/auth/auth.decorators';
import { authConfig } from '../config/namespaces';
import { NotionVerificationDto } from './dto/sync-admin.dto';
import { NotionHandshakesRepository } from './notion-handshakes.repository';

@ApiTags('Sync')
@Controller('api/v1/webhooks')
export class NotionVerificationController {
  constructor(
    private readonly handshakes: NotionHandshakesRepository,
    @Inject(authConfig.KEY) private readonly auth: ConfigType<typeof authConfig>,
  ) {}

  @ApiOperation({
    summary: 'Every Notion verification handshake received, for the operator to configure one',
  })
  @ApiOkResponse({ type: NotionVerificationDto })
  @Get('notion/verification')
  @BearerAuth()
  async notionVerification(): Promise<NotionVerificationDto> {
    const handshakes = (await this.handshakes.list()).map((h) => ({
      ...h,
      configured: this.auth.notionTokens.includes(h.verification_token),
    }));
    const chosen =
      handshakes.find((h) => h.configured) ?? (handshakes.length === 1 ? handshakes[0] : undefined);
    return {
      verification_token: chosen?.verification_token ?? null,
      received_at: chosen?.last_received_at ?? null,
      configured: chosen?.configured ?? false,
      handshakes,
      warning:
        handshakes.length > 1
          ? `${handshakes.length} different tokens arrived (handshakes are unsigned): configure only the one Notion's integration settings ask you to verify, and check its source addresses`
          : null,
    };
  }
}
