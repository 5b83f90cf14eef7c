// @Audited(action): the handler's outcome becomes exactly one audit_log row, written after the
// handler answered or failed. Refusals by the auth guard never reach it (nothing was done).
// The interceptor is bound to the audited handlers only, not globally: a route without
// interceptors skips Nest's observable pipeline (a global one cost every webhook and probe).
import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  HttpException,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { catchError, concatMap, type Observable } from 'rxjs';
import { AuditTrail, type AuditEntry } from './audit-trail.service';

export interface AuditSpec {
  action: string;
  /** What the action is about (`body`: the answer, absent on failure); `personal` ids are stored hashed. */
  target?: (req: Request, body?: unknown) => AuditEntry['target'];
  /** Extra facts from the request and the answer (filter, count, removed counts). */
  details?: (req: Request, body: unknown) => Record<string, unknown>;
  /** Only some calls are audited, e.g. set-up with force_rebuild. */
  when?: (req: Request) => boolean;
}

const AUDITED = 'audit:spec';

export const Audited = (spec: AuditSpec) =>
  applyDecorators(SetMetadata(AUDITED, spec), UseInterceptors(AuditInterceptor));

@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly trail: AuditTrail,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.get<AuditSpec | undefined>(AUDITED, context.getHandler());
    const req = context.switchToHttp().getRequest<Request>();
    if (!spec || (spec.when && !spec.when(req))) return next.handle();
    const base = (body?: unknown) => ({
      action: spec.action,
      target: spec.target?.(req, body),
      ...AuditTrail.context(req),
    });
    // The row is written before the answer leaves, so a caller that reads the trail next sees it.
    return next.handle().pipe(
      concatMap(async (body: unknown) => {
        await this.trail.record({
          ...base(body),
          outcome: 'success',
          details: spec.details?.(req, body),
        });
        return body;
      }),
      catchError(async (error: unknown) => {
        const status = error instanceof HttpException ? error.getStatus() : 500;
        await this.trail.record({ ...base(), outcome: 'failure', details: { status } });
        throw error;
      }),
    );
  }
}
