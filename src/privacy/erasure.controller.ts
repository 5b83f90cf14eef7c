import { Controller, Delete } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BearerAuth } from '../common/auth/auth.decorators';
import { ApiException } from '../common/errors/api.exception';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { RequestId } from '../common/http/request-id';
import { IdParam } from '../common/validation/request-parameters';
import { THREAD_ID } from '../booking/dto/booking-message.dto';
import { CONVERSATION_ID } from '../calls/call.types';
import { ErasureResponseDto } from './dto/erasure.dto';
import { ErasureService, type ErasureKind, type ErasureResult } from './erasure.service';

function answer(result: ErasureResult | null, what: string): ErasureResponseDto {
  if (!result) throw ApiException.notFound(`Nothing stored names this ${what}`, 'not_found');
  return {
    status: 'success',
    message: 'Erased',
    data: { kind: result.kind, subject_digest: result.subjectDigest, removed: result.removed },
  };
}

@Controller()
export class ErasureController {
  constructor(private readonly erasure: ErasureService) {}

  private run(kind: ErasureKind, id: string, requestId: string): Promise<ErasureResult | null> {
    return this.erasure.erase(kind, id, requestId);
  }

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
  @BearerAuth()
  async eraseCall(
    @IdParam('conversation_id', { pattern: CONVERSATION_ID }) id: string,
    @RequestId() requestId: string,
  ): Promise<ErasureResponseDto> {
    return answer(await this.run('call', id, requestId), 'conversation');
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
  @BearerAuth()
  async eraseThread(
    @IdParam('thread_id', { pattern: THREAD_ID }) id: string,
    @RequestId() requestId: string,
  ): Promise<ErasureResponseDto> {
    return answer(await this.run('booking_thread', id, requestId), 'thread');
  }
}
