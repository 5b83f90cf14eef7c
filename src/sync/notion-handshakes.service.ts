// Notion's verification handshakes: the answer to one, and what the operator copies into
// NOTION_VERIFICATION_TOKEN — every handshake that arrived, with where it came from, so a forged
// one stands out instead of replacing the real one.
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { authConfig } from '../config/namespaces';
import type { HandshakeResponseDto, NotionVerificationDto } from './dto/sync-admin.dto';
import { NotionHandshakesRepository } from './notion-handshakes.repository';

@Injectable()
export class NotionHandshakesService {
  constructor(
    private readonly handshakes: NotionHandshakesRepository,
    @Inject(authConfig.KEY) private readonly auth: ConfigType<typeof authConfig>,
  ) {}

  async receive(token: string, sourceAddress: string): Promise<HandshakeResponseDto> {
    await this.handshakes.record(token, sourceAddress);
    return {
      status: 'success',
      message: 'Verification token received; configure it as NOTION_VERIFICATION_TOKEN',
    };
  }

  async verification(): Promise<NotionVerificationDto> {
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
