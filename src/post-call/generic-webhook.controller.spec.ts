// The bearer routes /webhook and /echo at the HTTP edge, in the settings that change them: a
// rotation list of API_TOKENS, and THROTTLE_LIMIT with its 429. The service is mocked (/echo does
// not use it).
import { controllerHarness, type ControllerHarness } from '../../test/support/controller-harness';
import { expectErrorShape } from '../../test/support/error-shape';
import { GenericWebhookController } from './generic-webhook.controller';
import { GenericWebhookService } from './generic-webhook.service';

const mocks = [{ provide: GenericWebhookService, useValue: { record: jest.fn() } }];

describe('GenericWebhookController', () => {
  describe('with two API_TOKENS', () => {
    let harness: ControllerHarness;
    beforeAll(async () => {
      harness = await controllerHarness(GenericWebhookController, mocks, {
        API_TOKENS: 'old-token, new-token',
      });
    });
    afterAll(() => harness.close());

    it('accepts every token of the rotation list', async () => {
      await harness.http
        .post('/echo')
        .set('Authorization', 'Bearer old-token')
        .send({ event_type: 'a' })
        .expect(200);
      await harness.http
        .post('/echo')
        .set('Authorization', 'Bearer new-token')
        .send({ event_type: 'a' })
        .expect(200);
    });
  });

  describe('with THROTTLE_LIMIT=3', () => {
    let harness: ControllerHarness;
    beforeAll(async () => {
      harness = await controllerHarness(
        GenericWebhookController,
        mocks,
        { API_TOKENS: 'limited-token', THROTTLE_LIMIT: '3', THROTTLE_TTL_SECONDS: '60' },
        { throttling: true },
      );
    });
    afterAll(() => harness.close());

    it('429 with Retry-After once the limit is reached', async () => {
      const echo = () =>
        harness.http
          .post('/echo')
          .set('Authorization', 'Bearer limited-token')
          .send({ event_type: 'x' });
      for (let i = 0; i < 3; i++) await echo().expect(200);
      const res = await echo().expect(429);
      expectErrorShape(res.body, { code: 'rate_limited' });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    });
  });
});
