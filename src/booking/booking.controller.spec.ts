// The booking webhook's per-sender limit at the HTTP edge (the app's auth and throttler guards,
// the real sender key), in the settings that shape it: BOOKING_THROTTLE_LIMIT counts a sender in
// E.164 (BOOKING_DEFAULT_COUNTRY) and puts no cap on a client. The service is mocked.
import { controllerHarness, type ControllerHarness } from '../../test/support/controller-harness';
import { expectErrorShape } from '../../test/support/error-shape';
import seed from '../docs/examples/seed/booking_message.json';
import { BookingSenderKey } from './booking-sender-key';
import { BookingController } from './booking.controller';
import { BookingService } from './booking.service';

describe('BookingController', () => {
  const booking = { receive: jest.fn(async () => ({ status: 'received' })) };

  const harnessWith = (env: Record<string, string>) =>
    controllerHarness(
      BookingController,
      [{ provide: BookingService, useValue: booking }, BookingSenderKey],
      env,
      { throttling: true },
    );
  const send = (harness: ControllerHarness, body: object) =>
    harness.http
      .post('/booking/webhook')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body));

  describe('with BOOKING_THROTTLE_LIMIT=3', () => {
    let harness: ControllerHarness;
    beforeAll(async () => {
      harness = await harnessWith({ BOOKING_THROTTLE_LIMIT: '3' });
    });
    afterAll(() => harness.close());

    it('counts one sender however the number is written (E.164 in BOOKING_DEFAULT_COUNTRY)', async () => {
      const writings = ['+49 170 1112233', '0049 170-1112233', '0170 1112233'];
      for (const phone of writings) await send(harness, { ...seed, phone }).expect(200);
      const refused = await send(harness, { ...seed, phone: '(0170) 111 22 33' }).expect(429);
      expectErrorShape(refused.body, { code: 'rate_limited' });
      await send(harness, { ...seed, phone: '+43 170 1112233' }).expect(200);
    });
  });

  describe('with BOOKING_THROTTLE_LIMIT=5', () => {
    let harness: ControllerHarness;
    beforeAll(async () => {
      harness = await harnessWith({ BOOKING_THROTTLE_LIMIT: '5' });
    });
    afterAll(() => harness.close());

    it('puts no per-client cap on booking: one client, many senders, all pass', async () => {
      // Every request of the harness comes from one address, 127.0.0.1.
      for (let i = 0; i < 12; i++)
        await send(harness, { ...seed, phone: `+4917000000${i}0`, thread_id: `t${i}` }).expect(200);
    });
  });
});
