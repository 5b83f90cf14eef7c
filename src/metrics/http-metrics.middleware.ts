// Times every request by its route pattern (not the raw URL, which would explode label cardinality).
import type { NextFunction, Request, Response } from 'express';
import type { MetricsService } from './metrics.service';

export function httpMetricsMiddleware(metrics: MetricsService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const stop = metrics.httpDuration.startTimer();
    const path = req.path;
    res.on('finish', () => {
      metrics.countFinished(req.method, path, res.statusCode);
      const route = (req.route as { path?: string } | undefined)?.path;
      stop({
        method: req.method,
        route: route ? `${req.baseUrl}${route}` : 'unmatched',
        status: String(res.statusCode),
      });
    });
    next();
  };
}
