// The global throttler: per-client limits by route class, a per-sender limit for booking, 429 in
// the error shape with Retry-After. A broken counter store lets requests through (logged), so a
// Redis outage cannot take the webhooks down with it.
import { ExecutionContext, Injectable, Logger } from '@nestjs/common';
import {
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerRequest,
} from '@nestjs/throttler';
import type { Request } from 'express';
import { ApiException } from '../errors/api.exception';
import {
  THROTTLE_CLASS,
  THROTTLE_SENDER,
  type SenderKey,
  type ThrottleClass,
} from './throttle.decorators';
import { ThrottleLimits } from './throttle-limits';

@Injectable()
export class AppThrottlerGuard extends ThrottlerGuard {
  private readonly log = new Logger('Throttler');
  private limits!: ThrottleLimits;

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    this.limits = this.options as unknown as ThrottleLimits;
  }

  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const targets = [props.context.getHandler(), props.context.getClass()];
    const routeClass =
      this.reflector.getAllAndOverride<ThrottleClass>(THROTTLE_CLASS, targets) ?? 'default';
    const req = props.context.switchToHttp().getRequest<Request>();

    if (props.throttler.name === 'sender') {
      const senderOf = this.reflector.getAllAndOverride<SenderKey | undefined>(
        THROTTLE_SENDER,
        targets,
      );
      const sender = senderOf?.(req);
      if (!sender) return true;
      return this.guarded(() =>
        super.handleRequest({
          ...props,
          limit: this.limits.bookingLimit,
          getTracker: () => Promise.resolve(`sender:${sender}`),
        }),
      );
    }
    const limit =
      routeClass === 'webhook'
        ? this.limits.webhookLimit
        : routeClass === 'booking'
          ? this.limits.bookingLimit
          : props.limit;
    return this.guarded(() => super.handleRequest({ ...props, limit }));
  }

  private async guarded(check: () => Promise<boolean>): Promise<boolean> {
    try {
      return await check();
    } catch (error) {
      if (error instanceof ApiException) throw error;
      this.log.warn(`throttle store unavailable, request let through: ${(error as Error).message}`);
      return true;
    }
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return String((req as unknown as Request).ip ?? 'unknown');
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const retryAfter = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw new ApiException({
      status: 429,
      code: 'rate_limited',
      error: 'Too many requests',
      message: `Limit of ${detail.limit} requests per ${Math.round(detail.ttl / 1000)} s reached; retry in ${retryAfter} s`,
      details: {
        limit: detail.limit,
        window_seconds: Math.round(detail.ttl / 1000),
        retry_after_seconds: retryAfter,
      },
      headers: { 'Retry-After': String(retryAfter) },
    });
  }
}
