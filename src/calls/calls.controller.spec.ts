// trigger-call at the HTTP edge: auth, the 400 shapes HOC relies on (`missing`), and how an
// Idempotency-Key answer is passed through; the service and the idempotency store are mocked
// (TriggerCallIdempotency itself is real: it decides whether the store is asked at all).
import {
  controllerHarness,
  harnessBearer,
  type ControllerHarness,
} from '../../test/support/controller-harness';
import { CallsController } from './calls.controller';
import { UpstreamError } from '../integrations/upstream-error';
import { IdempotencyService } from '../common/idempotency/idempotency.service';
import { CallsService } from './calls.service';
import { TriggerCallIdempotency } from './trigger-call.idempotency';

const valid = {
  campaign_id: '123',
  company_name: 'Tech Startup GmbH',
  candidate_first_name: 'Max',
  candidate_last_name: 'Mustermann',
  to_number: '+491701234567',
};

describe('CallsController', () => {
  const calls = { trigger: jest.fn() };
  const idempotency = { run: jest.fn() };
  let harness: ControllerHarness;

  beforeAll(async () => {
    harness = await controllerHarness(CallsController, [
      { provide: CallsService, useValue: calls },
      {
        provide: TriggerCallIdempotency,
        useValue: new TriggerCallIdempotency(idempotency as unknown as IdempotencyService),
      },
    ]);
  });
  afterAll(() => harness.close());
  beforeEach(() => jest.clearAllMocks());

  const trigger = (body: unknown, headers: Record<string, string> = harnessBearer) =>
    harness.http
      .post('/webhook/trigger-call')
      .set(headers)
      .send(body as object);

  it('refuses a call without a bearer token: 401, nothing dialled', async () => {
    const res = await trigger(valid, {});
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ status: 'error', code: 'missing_authorization' });
    expect(calls.trigger).not.toHaveBeenCalled();
  });

  it('lists every missing required field in `missing`', async () => {
    const res = await trigger({ campaign_id: '123' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'missing_required_fields' });
    expect([...res.body.missing].sort()).toEqual([
      'candidate_first_name',
      'candidate_last_name',
      'company_name',
    ]);
    expect(calls.trigger).not.toHaveBeenCalled();
  });

  it('refuses a number that is not E.164: 400 validation_failed naming to_number', async () => {
    const res = await trigger({ ...valid, to_number: '0170 1234567' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation_failed' });
    expect(Object.keys(res.body.details.fields)).toEqual(['to_number']);
    expect(calls.trigger).not.toHaveBeenCalled();
  });

  it('without Idempotency-Key calls the service directly', async () => {
    calls.trigger.mockResolvedValue({ status: 'success', message: 'Call initiated' });
    const res = await trigger(valid);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'success', message: 'Call initiated' });
    expect(idempotency.run).not.toHaveBeenCalled();
    expect(calls.trigger).toHaveBeenCalledWith(expect.objectContaining(valid), '123');
  });

  it('passes a numeric campaign_id on as sent, to be echoed as a number', async () => {
    calls.trigger.mockResolvedValue({ status: 'success' });
    await trigger({ ...valid, campaign_id: 123 }).expect(200);
    expect(calls.trigger).toHaveBeenCalledWith(
      expect.objectContaining({ campaign_id: '123' }),
      123,
    );
  });

  it('with Idempotency-Key answers the stored status and marks a replay', async () => {
    idempotency.run.mockResolvedValue({
      status: 504,
      body: { status: 'error', code: 'upstream_timeout' },
      replayed: true,
    });
    const res = await trigger(valid, { ...harnessBearer, 'Idempotency-Key': 'k-1' });
    expect(res.status).toBe(504);
    expect(res.headers['idempotent-replayed']).toBe('true');
    expect(res.body).toEqual({ status: 'error', code: 'upstream_timeout' });
    expect(idempotency.run).toHaveBeenCalledWith(
      'trigger-call',
      'k-1',
      expect.objectContaining(valid),
      expect.any(Function),
      expect.any(Function),
    );
    // The stored answer of a timeout carries this request's id.
    const keepFailure = idempotency.run.mock.calls[0][4] as (error: unknown) => unknown;
    expect(keepFailure(UpstreamError.timeout('elevenlabs', 1000))).toMatchObject({
      status: 504,
      body: { code: 'upstream_timeout', request_id: res.headers['x-request-id'] },
    });
  });
});
