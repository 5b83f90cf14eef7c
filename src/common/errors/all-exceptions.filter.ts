import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { buildErrorResponse } from './error-response';

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendError(exception, http.getRequest<Request>(), http.getResponse<Response>());
  }
}

/**
 * Writes the error shape. A 5xx is logged once, by the request's own log line: the exception
 * rides on `res.err`, which the access line logs (message and stack of the real error, not a generic
 * "failed with status code 500"). Expected 5xx (an upstream down) keep their own message.
 */
export function sendError(exception: unknown, req: Request, res: Response): number {
  const response = buildErrorResponse(exception, req.id as string | undefined);
  if (response.status >= 500) {
    (res as Response & { err?: unknown }).err =
      exception instanceof Error ? exception : new Error(`Non-error thrown: ${String(exception)}`);
  }
  if (res.headersSent) {
    res.end();
    return response.status;
  }
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  res.status(response.status).json(response.body);
  return response.status;
}
