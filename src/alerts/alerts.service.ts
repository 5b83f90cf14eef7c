// Failure alerts to a Slack-compatible webhook (ALERT_WEBHOOK_URL): a dead letter, a source whose
// failure rate over 5 minutes passes the threshold, and its recovery. Decisions run in jobs under
// a row lock of the source's alert state, so replicas agree; messages go out through their own
// queue with retries.
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { sql } from 'drizzle-orm';
import { Clock } from '../common/clock/clock';
import { operationsConfig } from '../config/namespaces';
import { DatabaseService } from '../database/database.service';
import { rowsOf } from '../database/query-result';
import { EventLogService } from '../events/event-log.service';
import { EventStatsService } from '../events/event-stats.service';
import { JobQueue } from '../jobs/job-queue.service';
import { decideAlert, type AlertThresholds } from './alert-policy';

export const ALERT_EVALUATE_QUEUE = 'alerts-evaluate';
export const ALERT_SWEEP_QUEUE = 'alerts-sweep';
export const ALERT_DELIVER_QUEUE = 'alerts-deliver';
const WINDOW_MS = 5 * 60_000;

interface EvaluateJob {
  source: string;
  dead?: number;
}

@Injectable()
export class AlertsService implements OnModuleInit {
  private readonly logger = new Logger('Alerts');
  private readonly thresholds: AlertThresholds;

  constructor(
    private readonly database: DatabaseService,
    private readonly jobs: JobQueue,
    private readonly events: EventLogService,
    private readonly eventStats: EventStatsService,
    private readonly clock: Clock,
    @Inject(operationsConfig.KEY) private readonly config: ConfigType<typeof operationsConfig>,
  ) {
    this.thresholds = {
      failureRatePercent: config.alertFailureRatePercent,
      minEvents: config.alertMinEvents,
      intervalMs: config.alertIntervalSeconds * 1000,
    };
  }

  get enabled(): boolean {
    return this.config.alertWebhookUrl !== undefined;
  }

  async onModuleInit(): Promise<void> {
    if (!this.enabled) return;
    await this.jobs.register<EvaluateJob>(
      { name: ALERT_EVALUATE_QUEUE, retryLimit: 3, retryDelaySeconds: 2, batchSize: 1 },
      (job) => this.evaluate(job.data.source, job.data.dead ?? 0),
    );
    await this.jobs.register<object>(
      { name: ALERT_SWEEP_QUEUE, retryLimit: 0, retryDelaySeconds: 1, batchSize: 1 },
      () => this.sweep(),
    );
    await this.jobs.register<{ text: string }>(
      { name: ALERT_DELIVER_QUEUE, retryLimit: 5, retryDelaySeconds: 5, batchSize: 1 },
      (job) => this.deliver(job.data.text),
    );
    // Each minute: notices failure rates rising without a dead letter, and recoveries.
    await this.jobs.schedule(ALERT_SWEEP_QUEUE, '* * * * *');
    this.events.onFailure(async (event, deadLettered) => {
      await this.jobs.send(ALERT_EVALUATE_QUEUE, {
        source: event.source,
        dead: deadLettered ? 1 : 0,
      });
    });
  }

  /** Decides and, when due, queues the source's message; one replica at a time per source. */
  async evaluate(source: string, newDead: number): Promise<void> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - WINDOW_MS);
    await this.database.transaction(async (tx, executor) => {
      await tx.execute(
        sql`INSERT INTO alert_state (source) VALUES (${source}) ON CONFLICT (source) DO NOTHING`,
      );
      const [state] = rowsOf<{
        failing: boolean;
        last_sent_at: Date | string | null;
        pending_dead: number;
      }>(
        await tx.execute(sql`
          SELECT failing, last_sent_at, pending_dead FROM alert_state
           WHERE source = ${source} FOR UPDATE`),
      );
      const counts = await this.eventStats.attemptsSince(tx, source, since);
      const decision = decideAlert(
        source,
        {
          failing: state.failing,
          lastSentAt: state.last_sent_at ? new Date(state.last_sent_at) : null,
          pendingDead: Number(state.pending_dead),
        },
        counts,
        newDead,
        now,
        this.thresholds,
      );
      await tx.execute(sql`
        UPDATE alert_state
           SET failing = ${decision.next.failing},
               last_sent_at = ${decision.next.lastSentAt?.toISOString() ?? null}::timestamptz,
               pending_dead = ${decision.next.pendingDead}, updated_at = now()
         WHERE source = ${source}`);
      if (decision.text)
        await this.jobs.send(ALERT_DELIVER_QUEUE, { text: decision.text }, { executor });
    });
  }

  /** Every source with recent attempts or an open alert gets a fresh decision. */
  async sweep(): Promise<void> {
    const since = new Date(this.clock.now().getTime() - WINDOW_MS);
    const open = rowsOf<{ source: string }>(
      await this.database.db.execute(
        sql`SELECT source FROM alert_state WHERE failing OR pending_dead > 0`,
      ),
    );
    const sources = new Set([
      ...(await this.eventStats.sourcesAttemptedSince(since)),
      ...open.map((row) => row.source),
    ]);
    for (const source of sources) await this.evaluate(source, 0);
  }

  private async deliver(text: string): Promise<void> {
    // Slack answers `ok` as text, not JSON: only the status matters.
    const response = await fetch(this.config.alertWebhookUrl as string, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`Alert webhook answered ${response.status}`);
    this.logger.log(`alert delivered: ${text.split('\n')[0].slice(0, 120)}`);
  }
}
