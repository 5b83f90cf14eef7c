// The global throttler, run after authentication (see app.module), so only authenticated
// requests are counted and a forger cannot spend anyone's quota (failed authentication has its
// own per-IP counter, AuthFailureLimiter). Per route class (docs/api.md, Throttling):
// - provider webhooks: not limited unless WEBHOOK_THROTTLE_LIMIT is set (a 429 to Supabase is a
//   lost change); overload is the ingest's 503 instead;
// - booking: BOOKING_THROTTLE_LIMIT per sender, no per-client cap (GoHighLevel shares IPs);
// - other routes: THROTTLE_LIMIT per API token on bearer routes, else per client IP.
// 429 in the error shape with Retry-After. A broken counter store lets requests through (logged),
// so a Redis outage cannot take the webhooks down with it.
import { ExecutionContext, Injectable, Logger, type Type } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { Request } from 'express';
import { createHash } from 'node:crypto';
import { AUTH_SCHEME, type AuthScheme } from '../auth/auth.decorators';
import { ApiException } from '../errors/api.exception';
import {
  THROTTLE_CLASS,
  THROTTLE_SENDER,
  type SenderKey,
  type ThrottleClass,
} from './throttle.decorators';
import { ThrottleLimits } from './throttle-limits';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- Nest's handler type
type Handler = Function;

@Injectable()
export class AppThrottlerGuard extends ThrottlerGuard {
  private readonly log = new Logger('Throttler');
  private limits!: ThrottleLimits;
  private readonly unthrottled = new WeakMap<Handler, boolean>();

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly moduleRef: ModuleRef,
  ) {
    super(options, storage, reflector);
  }

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    this.limits = this.options as unknown as ThrottleLimits;
  }

  /**
   * Routes no limit applies to (probes, provider webhooks without WEBHOOK_THROTTLE_LIMIT) are
   * known per handler once: ThrottlerGuard would otherwise look up five metadata keys per
   * throttler on every request before `handleRequest` lets it through.
   */
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const handler = context.getHandler();
    let skip = this.unthrottled.get(handler);
    if (skip === undefined) {
      skip = this.throttlers.every((throttler) =>
        this.appliesNever(throttler.name ?? 'default', [handler, context.getClass()]),
      );
      this.unthrottled.set(handler, skip);
    }
    return skip;
  }

  private appliesNever(name: string, targets: [Handler, Type]): boolean {
    // @SkipThrottle's metadata key (not exported by @nestjs/throttler).
    if (this.reflector.getAllAndOverride<boolean>(`THROTTLER:SKIP${name}`, targets)) return true;
    if (name === 'sender') return !this.reflector.getAllAndOverride(THROTTLE_SENDER, targets);
    const routeClass = this.reflector.getAllAndOverride<ThrottleClass>(THROTTLE_CLASS, targets);
    return routeClass === 'booking' || (routeClass === 'webhook' && !this.limits.webhookLimit);
  }

  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const targets = [props.context.getHandler(), props.context.getClass()];
    const routeClass =
      this.reflector.getAllAndOverride<ThrottleClass>(THROTTLE_CLASS, targets) ?? 'default';
    const req = props.context.switchToHttp().getRequest<Request>();

    if (props.throttler.name === 'sender') {
      const keyType = this.reflector.getAllAndOverride<Type<SenderKey> | undefined>(
        THROTTLE_SENDER,
        targets,
      );
      const sender = keyType && this.moduleRef.get(keyType, { strict: false }).senderOf(req);
      if (!sender) return true;
      return this.guarded(() =>
        super.handleRequest({
          ...props,
          limit: this.limits.bookingLimit,
          getTracker: () => Promise.resolve(`sender:${sender}`),
        }),
      );
    }
    if (routeClass === 'booking') return true;
    if (routeClass === 'webhook') {
      const limit = this.limits.webhookLimit;
      if (!limit) return true;
      return this.guarded(() => super.handleRequest({ ...props, limit }));
    }
    const scheme = this.reflector.getAllAndOverride<AuthScheme | undefined>(AUTH_SCHEME, targets);
    const token = scheme === 'bearer' ? bearerToken(req) : undefined;
    if (!token) return this.guarded(() => super.handleRequest(props));
    // Authenticated already: the token is a valid one, so it names the caller better than an IP.
    const tracker = `token:${createHash('sha256').update(token).digest('hex').slice(0, 16)}`;
    return this.guarded(() =>
      super.handleRequest({ ...props, getTracker: () => Promise.resolve(tracker) }),
    );
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
    throw rateLimited(detail.limit, detail.ttl, detail.timeToBlockExpire);
  }
}

function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/** The 429 of every limit: error shape, details and Retry-After. */
export function rateLimited(
  limit: number,
  ttlMs: number,
  retryAfterSeconds: number,
  what = 'requests',
): ApiException {
  const retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
  return new ApiException({
    status: 429,
    code: 'rate_limited',
    error: 'Too many requests',
    message: `Limit of ${limit} ${what} per ${Math.round(ttlMs / 1000)} s reached; retry in ${retryAfter} s`,
    details: {
      limit,
      window_seconds: Math.round(ttlMs / 1000),
      retry_after_seconds: retryAfter,
    },
    headers: { 'Retry-After': String(retryAfter) },
  });
}
