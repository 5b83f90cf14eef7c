import { Controller, Delete } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BearerAuth } from '../common/auth/auth.decorators';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { RequestId } from '../common/http/request-id';
import { IdParam } from '../common/validation/request-parameters';
import { THREAD_ID } from '../booking/dto/booking-message.dto';
import { CONVERSATION_ID } from '../calls/call.types';
import { ErasureResponseDto } from './dto/erasure.dto';
import { ErasureService } from './erasure.service';

@Controller()
export class ErasureController {
  constructor(private readonly erasure: ErasureService) {}

  @ApiTags('Calls')
  @ApiOperation({
    summary:
      'Erases a call and everything naming it (GDPR): artefacts, events, cached answers, mirror files',
    description:
      'Leaves an audit entry with the SHA-256 of the id and the counts, no personal data.',
  })
  @ApiOkResponse({ type: ErasureResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @Delete('calls/:conversation_id')
  @BearerAuth('privacy:erase')
  eraseCall(
    @IdParam('conversation_id', { pattern: CONVERSATION_ID }) id: string,
    @RequestId() requestId: string,
  ): Promise<ErasureResponseDto> {
    return this.erasure.eraseOrNotFound('call', id, requestId);
  }

  @ApiTags('Booking')
  @ApiOperation({
    summary:
      'Erases a booking thread and everything naming it (GDPR): messages, events, mirror files',
    description:
      'Leaves an audit entry with the SHA-256 of the id and the counts, no personal data.',
  })
  @ApiOkResponse({ type: ErasureResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @Delete('booking/threads/:thread_id')
  @BearerAuth('privacy:erase')
  eraseThread(
    @IdParam('thread_id', { pattern: THREAD_ID }) id: string,
    @RequestId() requestId: string,
  ): Promise<ErasureResponseDto> {
    return this.erasure.eraseOrNotFound('booking_thread', id, requestId);
  }
}
