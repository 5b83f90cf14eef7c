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
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { deliveryIdentity } from '../events/delivery-identity';
import { WebhookThrottle } from '../common/throttling/throttle.decorators';
import { AcceptedResponseDto, NotionEventDto, SupabaseWebhookDto } from './dto/sync-payloads.dto';
import { HandshakeResponseDto } from './dto/sync-admin.dto';
import { SYNC_EXAMPLES } from './sync.examples';
import { SyncService } from './sync.service';
import { requireJsonObject } from '../common/json/json-object';
import { BodyRules } from '../common/http/body-rules';
import { RequestId } from '../common/http/request-id';

@ApiTags('Sync')
@Controller('api/v1/webhooks')
export class SyncWebhooksController {
  constructor(private readonly sync: SyncService) {}

  @ApiOperation({
    operationId: 'receiveSupabaseWebhook',
    summary:
      'Supabase database webhook (INSERT/UPDATE/DELETE) or the sync envelope; queued for processing',
  })
  @ApiBody({ type: SupabaseWebhookDto, examples: SYNC_EXAMPLES.supabase })
  @ApiAcceptedResponse({ type: AcceptedResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: 'Body over SYNC_BODY_LIMIT' })
  @Post('supabase')
  @BodyRules({ limit: 'sync' })
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
    operationId: 'receiveNotionWebhook',
    summary: 'Notion webhook: the verification handshake (200) or a signed event (202)',
  })
  @ApiBody({ type: NotionEventDto, examples: SYNC_EXAMPLES.notion })
  @ApiAcceptedResponse({ type: AcceptedResponseDto })
  @ApiOkResponse({ type: HandshakeResponseDto, description: 'Handshake received' })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @Post('notion')
  @BodyRules({ limit: 'sync' })
  @SignedWebhook('notion')
  @WebhookThrottle()
  async notion(
    @Body() body: unknown,
    @Req() req: Request,
    @RequestId() requestId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AcceptedResponseDto | HandshakeResponseDto> {
    const answer = await this.sync.receiveNotion(
      requireJsonObject(body),
      requestId,
      deliveryIdentity(req.headers),
      req.ip ?? 'unknown',
    );
    res.status(answer.status);
    return answer.body;
  }
}
