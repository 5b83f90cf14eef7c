import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { SignedWebhook } from '../common/auth/auth.decorators';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { WebhookThrottle } from '../common/throttling/throttle.decorators';
import { PostCallResponseDto, PostCallWebhookDto } from './dto/post-call.dto';
import { POST_CALL_EXAMPLES } from './post-call.examples';
import { PostCallService } from './post-call.service';
import { BodyRules } from '../common/http/body-rules';
import { RequestId } from '../common/http/request-id';

@ApiTags('Post-call')
@Controller('webhook')
export class PostCallController {
  constructor(private readonly service: PostCallService) {}

  @ApiOperation({
    operationId: 'receivePostCallWebhook',
    summary:
      'ElevenLabs post-call webhook: transcription, audio (base64 JSON or multipart) or call initiation failure',
    description:
      "Stored in the database (event and artefact bytes, one group-committed write) before the 200; the call record is updated and the optional PAYLOAD_DIR mirror written by a job afterwards. A redelivery answers duplicate:true. The replaced service's flat sample bodies (`conversation_id` with `transcript`/`status`, or with `error_code`/`error_message`) are read as post_call_transcription and call_initiation_failure.",
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: PostCallWebhookDto, examples: POST_CALL_EXAMPLES })
  @ApiOkResponse({ type: PostCallResponseDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Invalid body, conversation_id or audio',
  })
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: 'Body over AUDIO_BODY_LIMIT' })
  @Post('post-call')
  // Audio can be tens of MB: kept as raw bytes, the route decodes it without copying the JSON.
  @BodyRules({ limit: 'audio', multipart: true, rawOnly: true })
  @HttpCode(200)
  @SignedWebhook('elevenlabs')
  @WebhookThrottle()
  receive(@Req() req: Request, @RequestId() requestId: string): Promise<PostCallResponseDto> {
    return this.service.receive(req.rawBody, req.headers['content-type'], requestId);
  }
}
