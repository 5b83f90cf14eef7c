import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { BearerAuth, Public, SignedWebhook } from '../common/auth/auth.decorators';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { SenderThrottle } from '../common/throttling/throttle.decorators';
import ghlExample from '../docs/examples/ghl/inbound_message.json';
import seedExample from '../docs/examples/seed/booking_message.json';
import { senderOf } from './booking-message';
import { BookingService } from './booking.service';
import {
  BookingMessageDto,
  BookingMetricsDto,
  BookingReceivedDto,
  ThreadDto,
} from './dto/booking-message.dto';

@ApiTags('Booking')
@Controller('booking')
export class BookingController {
  constructor(private readonly booking: BookingService) {}

  @ApiOperation({
    summary: 'A WhatsApp message for the booking agent (seed body or GoHighLevel InboundMessage)',
    description:
      'Signed with the ghl scheme when GHL_WEBHOOK_PUBLIC_KEY or BOOKING_WEBHOOK_SECRET is set, else public. BOOKING_THROTTLE_LIMIT per minute per sender and per client.',
  })
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
    description: 'Sender or client over BOOKING_THROTTLE_LIMIT per minute',
  })
  @Post('webhook')
  @HttpCode(200)
  @SignedWebhook('ghl')
  @SenderThrottle((req) => senderOf(req.body))
  receive(@Body() body: unknown, @Req() req: Request): Promise<BookingReceivedDto> {
    return this.booking.receive(body, req.id as string);
  }

  @ApiOperation({ summary: 'Counters of the booking webhook' })
  @ApiOkResponse({ type: BookingMetricsDto })
  @Get('metrics')
  @Public()
  metrics(): Promise<BookingMetricsDto> {
    return this.booking.metrics();
  }

  @ApiOperation({ summary: "A thread's messages and the workflow's replies" })
  @ApiOkResponse({ type: ThreadDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @Get('threads/:thread_id')
  @BearerAuth()
  thread(@Param('thread_id') threadId: string): Promise<ThreadDto> {
    return this.booking.thread(threadId);
  }
}
