import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { BearerAuth, Public, SignedWebhook } from '../common/auth/auth.decorators';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { SenderThrottle } from '../common/throttling/throttle.decorators';
import ghlExample from '../docs/examples/ghl/inbound_message.json';
import seedExample from '../docs/examples/seed/booking_message.json';
import { BookingSenderKey } from './booking-sender-key';
import { BookingService } from './booking.service';
import {
  BookingMessageDto,
  BookingMetricsDto,
  BookingReceivedDto,
  ThreadDto,
  WorkflowReplyDto,
  WorkflowRequestDto,
} from './dto/booking-message.dto';
import { IdParam } from '../common/validation/request-parameters';
import { THREAD_ID } from './dto/booking-message.dto';
import { RequestId } from '../common/http/request-id';

@ApiTags('Booking')
@Controller('booking')
export class BookingController {
  constructor(private readonly booking: BookingService) {}

  @ApiOperation({
    operationId: 'receiveBookingMessage',
    summary: 'A WhatsApp message for the booking agent (seed body or GoHighLevel InboundMessage)',
    description: [
      'Signed with the ghl scheme when GHL_WEBHOOK_PUBLIC_KEY or BOOKING_WEBHOOK_SECRET is set, else public. BOOKING_THROTTLE_LIMIT per minute per sender, counted after the signature passed; no per-client cap. `phone` is stored in E.164 (national numbers read in BOOKING_DEFAULT_COUNTRY); `thread_id` is any printable text up to 256 characters.',
      '',
      '**Workflow contract** (with BOOKING_WORKFLOW_URL): after the 200, a job POSTs `WorkflowRequestDto` (JSON) to the workflow and waits up to BOOKING_TIMEOUT_MS for a 2xx answer `WorkflowReplyDto` (or plain text). Any other answer, a timeout or a reset is retried up to BOOKING_MAX_ATTEMPTS times with exponential backoff (BOOKING_RETRY_DELAY_SECONDS base, 2–4 s then 4–8 s …), then the message is dead (visible in /api/v1/webhooks/events, replayable). Ordering: one message of a thread at a time, in arrival order; a message is handed over only after every earlier one of its thread was answered (a failing message holds its thread back). A retry resends the same `message_id`, so the workflow can recognise it.',
      '',
      "**Replies**: stored in the thread; with GHL_API_TOKEN sent through GoHighLevel (`POST /conversations/messages`, type WhatsApp) to the message's contact — for seed-format messages the contact is looked up by phone (`GET /contacts/search/duplicate`, needs GHL_LOCATION_ID); otherwise the reply stays `stored` and its `note` says why.",
    ].join('\n'),
  })
  @ApiExtraModels(WorkflowRequestDto, WorkflowReplyDto)
  @ApiBody({
    type: BookingMessageDto,
    examples: {
      seed: { summary: 'Seed body', value: seedExample },
      ghl: { summary: 'GoHighLevel InboundMessage', value: ghlExample },
    },
  })
  @ApiOkResponse({ type: BookingReceivedDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiTooManyRequestsResponse({
    type: ErrorResponseDto,
    description:
      'Sender over BOOKING_THROTTLE_LIMIT per minute, or the client IP over AUTH_FAILURE_LIMIT failed authentications',
  })
  @Post('webhook')
  @HttpCode(200)
  @SignedWebhook('ghl')
  @SenderThrottle(BookingSenderKey)
  receive(@Body() body: unknown, @RequestId() requestId: string): Promise<BookingReceivedDto> {
    return this.booking.receive(body, requestId);
  }

  @ApiOperation({ operationId: 'getBookingMetrics', summary: 'Counters of the booking webhook' })
  @ApiOkResponse({ type: BookingMetricsDto })
  @Get('metrics')
  @Public()
  metrics(): Promise<BookingMetricsDto> {
    return this.booking.metrics();
  }

  @ApiOperation({
    operationId: 'getBookingThread',
    summary: "A thread's messages and the workflow's replies",
  })
  @ApiOkResponse({ type: ThreadDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @Get('threads/:thread_id')
  @BearerAuth('booking:read')
  thread(@IdParam('thread_id', { pattern: THREAD_ID }) threadId: string): Promise<ThreadDto> {
    return this.booking.thread(threadId);
  }
}
