import { Body, Controller, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { SignedWebhook } from '../common/auth/auth.decorators';
import { isNotionHandshake } from '../common/auth/schemes/notion.scheme';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { deliveryIdentity } from '../events/delivery-identity';
import { WebhookThrottle } from '../common/throttling/throttle.decorators';
import { AcceptedResponseDto, NotionEventDto, SupabaseWebhookDto } from './dto/sync-payloads.dto';
import { HandshakeResponseDto } from './dto/sync-admin.dto';
import { SYNC_EXAMPLES } from './sync.examples';
import { NotionHandshakesRepository } from './notion-handshakes.repository';
import { SyncService } from './sync.service';
import { requireJsonObject } from '../common/json/json-object';
import { RequestId } from '../common/http/request-id';

@ApiTags('Sync')
@Controller('api/v1/webhooks')
export class SyncWebhooksController {
  constructor(
    private readonly sync: SyncService,
    private readonly handshakes: NotionHandshakesRepository,
  ) {}

  @ApiOperation({
    summary:
      'Supabase database webhook (INSERT/UPDATE/DELETE) or the sync envelope; queued for processing',
  })
  @ApiBody({ type: SupabaseWebhookDto, examples: SYNC_EXAMPLES.supabase })
  @ApiAcceptedResponse({ type: AcceptedResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: 'Body over SYNC_BODY_LIMIT' })
  @Post('supabase')
  @HttpCode(HttpStatus.ACCEPTED)
  @SignedWebhook('supabase')
  @WebhookThrottle()
  supabase(
    @Body() body: unknown,
    @Req() req: Request,
    @RequestId() requestId: string,
  ): Promise<AcceptedResponseDto> {
    return this.sync.receiveSupabase(
      requireJsonObject(body),
      requestId,
      deliveryIdentity(req.headers),
    );
  }

  @ApiOperation({
    summary: 'Notion webhook: the verification handshake (200) or a signed event (202)',
  })
  @ApiBody({ type: NotionEventDto, examples: SYNC_EXAMPLES.notion })
  @ApiAcceptedResponse({ type: AcceptedResponseDto })
  @ApiOkResponse({ type: HandshakeResponseDto, description: 'Handshake received' })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @Post('notion')
  @SignedWebhook('notion')
  @WebhookThrottle()
  async notion(
    @Body() body: unknown,
    @Req() req: Request,
    @RequestId() requestId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AcceptedResponseDto | HandshakeResponseDto> {
    const payload = requireJsonObject(body);
    if (isNotionHandshake(payload)) {
      await this.handshakes.record(payload.verification_token, req.ip ?? 'unknown');
      res.status(HttpStatus.OK);
      return {
        status: 'success',
        message: 'Verification token received; configure it as NOTION_VERIFICATION_TOKEN',
      };
    }
    res.status(HttpStatus.ACCEPTED);
    return this.sync.receiveNotion(payload, requestId, deliveryIdentity(req.headers));
  }
}
