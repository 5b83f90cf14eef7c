import { Controller, Delete } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited, type AuditSpec } from '../audit/audited';
import { BearerAuth } from '../common/auth/auth.decorators';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { IdParam } from '../common/validation/request-parameters';
import { THREAD_ID } from '../booking/dto/booking-message.dto';
import { CONVERSATION_ID } from '../calls/conversation-id';
import { ErasureResponseDto } from './dto/erasure.dto';
import { ErasureService } from './erasure.service';

/** The erased id is stored as its SHA-256 only; the row keeps what was removed. */
const erasureAudit = (kind: string, param: string): AuditSpec => ({
  action: 'erase',
  target: (req) => ({ kind, id: String(req.params[param]), personal: true }),
  details: (_req, body) => ({ removed: (body as ErasureResponseDto).data.removed }),
});

@Controller()
export class ErasureController {
  constructor(private readonly erasure: ErasureService) {}

  @ApiTags('Calls')
  @ApiOperation({
    operationId: 'eraseCall',
    summary:
      'Erases a call and everything naming it (GDPR): artefacts, events, cached answers, mirror files',
    description:
      'Leaves an audit entry with the SHA-256 of the id and the counts, no personal data.',
  })
  @ApiOkResponse({ type: ErasureResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @Delete('calls/:conversation_id')
  @BearerAuth('privacy:erase')
  @Audited(erasureAudit('call', 'conversation_id'))
  eraseCall(
    @IdParam('conversation_id', { pattern: CONVERSATION_ID }) id: string,
  ): Promise<ErasureResponseDto> {
    return this.erasure.eraseOrNotFound('call', id);
  }

  @ApiTags('Booking')
  @ApiOperation({
    operationId: 'eraseBookingThread',
    summary:
      'Erases a booking thread and everything naming it (GDPR): messages, events, mirror files',
    description:
      'Leaves an audit entry with the SHA-256 of the id and the counts, no personal data.',
  })
  @ApiOkResponse({ type: ErasureResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @Delete('booking/threads/:thread_id')
  @BearerAuth('privacy:erase')
  @Audited(erasureAudit('booking_thread', 'thread_id'))
  eraseThread(
    @IdParam('thread_id', { pattern: THREAD_ID }) id: string,
  ): Promise<ErasureResponseDto> {
    return this.erasure.eraseOrNotFound('booking_thread', id);
  }
}
