// Idempotency for trigger-call: a success is the answer; so is an ElevenLabs timeout (the call
// may have been placed, so a retry must not dial again). Other failures may be retried. Without
// an Idempotency-Key the call is simply placed.
import { Injectable } from '@nestjs/common';
import { buildErrorResponse } from '../common/errors/error-response';
import { IdempotencyService, type StoredAnswer } from '../common/idempotency/idempotency.service';
import type { TriggerCallDto, TriggerCallResponseDto } from './dto/trigger-call.dto';

type Answer = TriggerCallResponseDto | Record<string, unknown>;

@Injectable()
export class TriggerCallIdempotency {
  constructor(private readonly idempotency: IdempotencyService) {}

  async run(
    key: string | undefined,
    body: TriggerCallDto,
    requestId: string,
    work: () => Promise<TriggerCallResponseDto>,
  ): Promise<StoredAnswer<Answer>> {
    if (key === undefined) return { status: 200, body: await work(), replayed: false };
    return this.idempotency.run<Answer>(
      'trigger-call',
      key,
      body,
      async () => ({ status: 200, body: await work() }),
      (error) => {
        const response = buildErrorResponse(error, requestId);
        if (response.body.code !== 'upstream_timeout') return null;
        return { status: response.status, body: response.body };
      },
    );
  }
}
