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
import { ApiException } from '../common/errors/api.exception';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { WebhookThrottle } from '../common/throttling/throttle.decorators';
import { AcceptedResponseDto, NotionEventDto, SupabaseWebhookDto } from './dto/sync-payloads.dto';
import { HandshakeResponseDto } from './dto/sync-admin.dto';
import { SYNC_EXAMPLES } from './sync.examples';
import { SyncService } from './sync.service';

type Json = Record<string, unknown>;

function jsonObject(body: unknown): Json {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw ApiException.badRequest(
      'invalid_body',
      'Invalid request body',
      'The body must be a JSON object',
    );
  }
  return body as Json;
}

@ApiTags('Sync')
@Controller('api/v1/webhooks')
export class SyncWebhooksController {
  constructor(private readonly sync: SyncService) {}

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
  supabase(@Body() body: unknown, @Req() req: Request): Promise<AcceptedResponseDto> {
    return this.sync.receiveSupabase(jsonObject(body), req.id as string);
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
    @Res({ passthrough: true }) res: Response,
  ): Promise<AcceptedResponseDto | HandshakeResponseDto> {
    const payload = jsonObject(body);
    if (isNotionHandshake(payload)) {
      await this.sync.storeNotionHandshake(payload.verification_token);
      res.status(HttpStatus.OK);
      return {
        status: 'success',
        message: 'Verification token received; configure it as NOTION_VERIFICATION_TOKEN',
      };
    }
    res.status(HttpStatus.ACCEPTED);
    return this.sync.receiveNotion(payload, req.id as string);
  }
}
