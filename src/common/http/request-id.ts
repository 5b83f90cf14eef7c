// X-Request-ID: keep a well-formed one from the caller, else mint a UUID; echo it always.
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const VALID_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

export function resolveRequestId(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && VALID_REQUEST_ID.test(value) ? value : randomUUID();
}

export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  req.id = resolveRequestId(req.headers['x-request-id']);
  res.setHeader('X-Request-ID', req.id);
  next();
}

/** The request's id (the X-Request-ID this middleware resolved), as a handler parameter. */
export const RequestId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string =>
    context.switchToHttp().getRequest<Request>().id as string,
);
