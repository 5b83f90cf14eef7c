// Health and metrics at the HTTP edge, in the settings that change them: METRICS_TOKEN closes
// /metrics, and neither probes nor scrapes ever spend a throttle quota. Checks and exporter mocked.
import { HealthCheckService } from '@nestjs/terminus';
import { controllerHarness, type ControllerHarness } from '../../test/support/controller-harness';
import { expectErrorShape } from '../../test/support/error-shape';
import { HealthController } from './health.controller';
import { HealthIndicators } from './health.indicators';
import { MetricsExporter } from './metrics.exporter';

const mocks = [
  {
    provide: HealthCheckService,
    useValue: { check: async () => ({ status: 'ok', info: {}, error: {}, details: {} }) },
  },
  { provide: HealthIndicators, useValue: { app: () => ({}), readiness: () => [] } },
  { provide: MetricsExporter, useValue: { render: async () => '# HELP up 1\n' } },
];

describe('HealthController', () => {
  describe('with METRICS_TOKEN', () => {
    let harness: ControllerHarness;
    beforeAll(async () => {
      harness = await controllerHarness(HealthController, mocks, { METRICS_TOKEN: 'scrape-token' });
    });
    afterAll(() => harness.close());

    it('requires METRICS_TOKEN when one is configured', async () => {
      expectErrorShape((await harness.http.get('/metrics').expect(401)).body, {
        code: 'missing_authorization',
      });
      await harness.http.get('/metrics').set('Authorization', 'Bearer wrong').expect(401);
      await harness.http.get('/metrics').set('Authorization', 'Bearer scrape-token').expect(200);
    });
  });

  describe('with METRICS_TOKEN=new,old (rotation)', () => {
    let harness: ControllerHarness;
    beforeAll(async () => {
      harness = await controllerHarness(HealthController, mocks, {
        METRICS_TOKEN: 'new-scrape-token, old-scrape-token',
      });
    });
    afterAll(() => harness.close());

    it('accepts each listed token, not the list itself', async () => {
      await harness.http
        .get('/metrics')
        .set('Authorization', 'Bearer new-scrape-token')
        .expect(200);
      await harness.http
        .get('/metrics')
        .set('Authorization', 'Bearer old-scrape-token')
        .expect(200);
      await harness.http
        .get('/metrics')
        .set('Authorization', 'Bearer new-scrape-token, old-scrape-token')
        .expect(401);
    });
  });

  describe('with THROTTLE_LIMIT=2', () => {
    let harness: ControllerHarness;
    beforeAll(async () => {
      harness = await controllerHarness(
        HealthController,
        mocks,
        { THROTTLE_LIMIT: '2' },
        { throttling: true },
      );
    });
    afterAll(() => harness.close());

    it('health and metrics are never throttled', async () => {
      for (let i = 0; i < 5; i++) await harness.http.get('/health').expect(200);
      for (let i = 0; i < 5; i++) await harness.http.get('/metrics').expect(200);
    });

    it('while a route without the exemption is (the throttler is on here)', async () => {
      for (let i = 0; i < 2; i++) await harness.http.get('/webhook/health').expect(200);
      await harness.http.get('/webhook/health').expect(429);
    });
  });
});
