import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { BearerAuth } from '../common/auth/auth.decorators';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { deliveryIdentity } from '../events/delivery-identity';
import { EchoResponseDto, GenericEventDto, GenericEventResponseDto } from './dto/generic-event.dto';
import { GenericWebhookService } from './generic-webhook.service';
import { RequestId } from '../common/http/request-id';

@ApiTags('Post-call')
@Controller()
export class GenericWebhookController {
  constructor(private readonly service: GenericWebhookService) {}

  @ApiOperation({
    operationId: 'receiveGenericWebhook',
    summary: 'Generic event: stored in the event log',
  })
  @ApiOkResponse({ type: GenericEventResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @Post('webhook')
  @HttpCode(200)
  @BearerAuth('events:write')
  receive(
    @Body() body: GenericEventDto,
    @Req() req: Request,
    @RequestId() requestId: string,
  ): Promise<GenericEventResponseDto> {
    return this.service.record(body, requestId, deliveryIdentity(req.headers));
  }

  @ApiOperation({
    operationId: 'echoPayload',
    summary: 'Echoes the validated payload back, with `timestamp` filled in when absent',
  })
  @ApiOkResponse({ type: EchoResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @Post('echo')
  @HttpCode(200)
  @BearerAuth('events:write')
  echo(@Body() body: GenericEventDto, @RequestId() requestId: string): EchoResponseDto {
    // As the replaced service did: its payload model set `timestamp` when the caller left it out.
    return {
      status: 'success',
      message: 'Echo received',
      request_id: requestId,
      data: { ...body, timestamp: body.timestamp ?? new Date().toISOString() },
    };
  }
}
