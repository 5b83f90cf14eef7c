import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { BearerAuth } from '../common/auth/auth.decorators';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { EchoResponseDto, GenericEventDto, GenericEventResponseDto } from './dto/generic-event.dto';
import { GenericWebhookService } from './generic-webhook.service';

@ApiTags('Post-call')
@Controller()
export class GenericWebhookController {
  constructor(private readonly service: GenericWebhookService) {}

  @ApiOperation({ summary: 'Generic event: stored in the event log' })
  @ApiOkResponse({ type: GenericEventResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @Post('webhook')
  @HttpCode(200)
  @BearerAuth()
  receive(@Body() body: GenericEventDto, @Req() req: Request): Promise<GenericEventResponseDto> {
    return this.service.record(body, req.id as string);
  }

  @ApiOperation({ summary: 'Echoes the validated payload back' })
  @ApiOkResponse({ type: EchoResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @Post('echo')
  @HttpCode(200)
  @BearerAuth()
  echo(@Body() body: GenericEventDto, @Req() req: Request): EchoResponseDto {
    return { status: 'success', message: 'Echo', request_id: req.id as string, data: body };
  }
}
