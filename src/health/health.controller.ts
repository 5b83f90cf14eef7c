import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { MetricsAuth, Public } from '../common/auth/auth.decorators';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { appConfig, elevenlabsConfig, hocConfig } from '../config/namespaces';
import { WebhookHealthDto } from './dto/webhook-health.dto';
import { HealthIndicators } from './health.indicators';
import { MetricsExporter } from './metrics.exporter';

@ApiTags('Health')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicators,
    private readonly metrics: MetricsExporter,
    @Inject(hocConfig.KEY) private readonly hoc: ConfigType<typeof hocConfig>,
    @Inject(elevenlabsConfig.KEY) private readonly elevenlabs: ConfigType<typeof elevenlabsConfig>,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  @ApiOperation({
    operationId: 'getLiveness',
    summary: 'Liveness: the process serves requests (never touches the database)',
  })
  @Get('health')
  @Public()
  @SkipThrottle()
  @HealthCheck()
  liveness(): HealthCheckResult {
    // Terminus's shape without its check runner: the one indicator cannot fail (answering is
    // the check), and probes call this every few seconds on every replica.
    const info = this.indicators.app();
    return { status: 'ok', info, error: {}, details: info };
  }

  @ApiOperation({
    operationId: 'getReadiness',
    summary: 'Readiness: database, job queue, free disk of DATA_DIR, Redis when configured',
  })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down', type: ErrorResponseDto })
  @Get('health/ready')
  @Public()
  @SkipThrottle()
  @HealthCheck()
  readiness(): Promise<HealthCheckResult> {
    return this.health.check(this.indicators.readiness());
  }

  @ApiOperation({
    operationId: 'getWebhookHealth',
    summary: 'Health of the voice-screening webhooks, in the shape the old service answered',
  })
  @ApiOkResponse({ type: WebhookHealthDto })
  @Get('webhook/health')
  @Public()
  webhookHealth(): WebhookHealthDto {
    return {
      status: 'healthy',
      service: 'hoc-webhooks',
      agent_id: this.elevenlabs.agentId ?? null,
      hirings_api_url: this.hoc.apiUrl,
      environment: this.app.nodeEnv,
      timestamp: new Date().toISOString(),
    };
  }

  @ApiOperation({
    operationId: 'getMetrics',
    summary: 'Prometheus metrics (bearer METRICS_TOKEN when configured)',
  })
  @ApiProduces('text/plain')
  @Get('metrics')
  @MetricsAuth()
  @SkipThrottle()
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async prometheus(): Promise<string> {
    return this.metrics.render();
  }
}
