// Prometheus instruments of the whole app, on one registry per app instance (tests run several).
import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface RouteTally {
  requests: number;
  errors: number;
  rateLimited: number;
}

@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly webhooks = new Counter({
    name: 'webhooks_total',
    help: 'Inbound webhooks by source, type and outcome (accepted, duplicate, rejected, processed, failed, dead)',
    labelNames: ['source', 'type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly jobs = new Counter({
    name: 'jobs_total',
    help: 'Job runs by queue and outcome (completed, retry, dead)',
    labelNames: ['queue', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly queueDepth = new Gauge({
    name: 'job_queue_depth',
    help: 'Jobs waiting per queue, read at scrape time',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });

  /** Exact request tallies of chosen routes, seen before any parser, guard or pipe can refuse them. */
  private readonly tallies = new Map<string, RouteTally>();

  tally(method: string, path: string): RouteTally {
    const key = `${method} ${path}`;
    const existing = this.tallies.get(key);
    if (existing) return existing;
    const created = { requests: 0, errors: 0, rateLimited: 0 };
    this.tallies.set(key, created);
    return created;
  }

  /** Called by the HTTP middleware for every finished request. */
  countFinished(method: string, path: string, status: number): void {
    const tally = this.tallies.get(`${method} ${path}`);
    if (!tally) return;
    tally.requests += 1;
    if (status === 429) tally.rateLimited += 1;
    else if (status >= 400) tally.errors += 1;
  }

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
