import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { buildErrorResponse } from './error-response';

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendError(exception, http.getRequest<Request>(), http.getResponse<Response>(), this.logger);
  }
}

/** Writes the error shape; the stack goes to the log only. */
export function sendError(exception: unknown, req: Request, res: Response, logger: Logger): void {
  const response = buildErrorResponse(exception, req.id as string | undefined);
  if (response.unexpected) {
    logger.error(
      { err: exception, request_id: req.id, route: `${req.method} ${req.path}` },
      exception instanceof Error ? exception.stack : String(exception),
    );
  } else if (response.status >= 500) {
    logger.warn(`${req.method} ${req.path} → ${response.status} ${String(response.body.code)}`);
  }
  if (res.headersSent) {
    res.end();
    return;
  }
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  res.status(response.status).json(response.body);
}
