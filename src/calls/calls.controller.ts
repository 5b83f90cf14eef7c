import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiGatewayTimeoutResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Audited } from '../audit/audited';
import { BearerAuth } from '../common/auth/auth.decorators';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import triggerExample from '../docs/examples/seed/trigger_call.json';
import { CallsService } from './calls.service';
import { TriggerCallDto, TriggerCallResponseDto } from './dto/trigger-call.dto';
import { TriggerCallIdempotency } from './trigger-call.idempotency';
import { RequestId } from '../common/http/request-id';

@ApiTags('Calls')
@Controller('webhook')
export class CallsController {
  constructor(
    private readonly calls: CallsService,
    private readonly idempotency: TriggerCallIdempotency,
  ) {}

  @ApiOperation({
    operationId: 'triggerCall',
    summary:
      'Calls a candidate through the ElevenLabs voice agent (CALL_MODE=phone and to_number), or creates a browser talk link (CALL_MODE=link, the default, or no to_number)',
    description:
      'With Idempotency-Key, a repeat within 24 h returns the first answer and never dials twice.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Makes retries safe: same key, same answer, one call',
  })
  @ApiBody({
    type: TriggerCallDto,
    examples: { phone: { summary: 'Outbound phone call', value: triggerExample } },
  })
  @ApiOkResponse({ type: TriggerCallResponseDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Missing fields (listed in `missing`) or an invalid number',
  })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'Idempotency-Key reused with another body',
  })
  @ApiBadGatewayResponse({ type: ErrorResponseDto, description: 'ElevenLabs refused or failed' })
  @ApiGatewayTimeoutResponse({ type: ErrorResponseDto, description: 'ElevenLabs timed out' })
  @Post('trigger-call')
  @HttpCode(200)
  @BearerAuth('calls')
  @Audited({
    action: 'trigger_call',
    // The conversation is tied to the candidate: stored hashed (target_kind call).
    target: (req, body) => {
      const id = (body as { data?: { conversation_id?: unknown } } | undefined)?.data
        ?.conversation_id;
      if (typeof id === 'string') return { kind: 'call', id, personal: true };
      const campaign = (req.body as { campaign_id?: unknown } | undefined)?.campaign_id;
      return { kind: 'campaign', id: String(campaign), personal: false };
    },
    details: (req) => ({ status: req.res?.statusCode }),
  })
  async trigger(
    @Body() body: TriggerCallDto,
    // The raw value (no pipe turns it into a string), echoed as sent.
    @Body('campaign_id') campaignIdAsSent: unknown,
    @Headers('idempotency-key') key: string | undefined,
    @RequestId() requestId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TriggerCallResponseDto | Record<string, unknown>> {
    const answer = await this.idempotency.run(key, body, requestId, () =>
      this.calls.trigger(
        body,
        typeof campaignIdAsSent === 'number' ? campaignIdAsSent : body.campaign_id,
      ),
    );
    res.status(answer.status);
    if (answer.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return answer.body;
  }
}
