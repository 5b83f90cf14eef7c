// The campaign routes' contract at the HTTP edge: who may call them and what a bad request
// answers, with the service mocked (the service itself is covered by the e2e suite).
import {
  controllerHarness,
  harnessBearer,
  type ControllerHarness,
} from '../../test/support/controller-harness';
import { CampaignsController } from './campaigns.controller';
import { CampaignsService } from './campaigns.service';

describe('CampaignsController', () => {
  const service = { setup: jest.fn(), getPackage: jest.fn() };
  let harness: ControllerHarness;

  beforeAll(async () => {
    harness = await controllerHarness(CampaignsController, [
      { provide: CampaignsService, useValue: service },
    ]);
  });
  afterAll(() => harness.close());
  beforeEach(() => jest.clearAllMocks());

  const setup = (body: unknown, headers: Record<string, string> = harnessBearer) =>
    harness.http
      .post('/webhook/setup-campaign')
      .set(headers)
      .send(body as object);

  it('refuses a request without a bearer token: 401 missing_authorization', async () => {
    const res = await setup({ campaign_id: '16' }, {});
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ status: 'error', code: 'missing_authorization' });
    expect(res.body.request_id).toBe(res.headers['x-request-id']);
    expect(service.setup).not.toHaveBeenCalled();
  });

  it('refuses a wrong token: 401 invalid_token', async () => {
    const res = await setup({ campaign_id: '16' }, { Authorization: 'Bearer nope' });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'invalid_token' });
    expect(service.setup).not.toHaveBeenCalled();
  });

  it('lists a missing campaign_id: 400 missing_required_fields with `missing`', async () => {
    const res = await setup({ force_rebuild: true });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'missing_required_fields',
      missing: ['campaign_id'],
      details: { fields: { campaign_id: expect.any(Array) } },
    });
    expect(service.setup).not.toHaveBeenCalled();
  });

  it('refuses unknown fields and wrong types of our own API: 400 validation_failed', async () => {
    const unknown = await setup({ campaign_id: '16', extra: 1 });
    const wrongType = await setup({ campaign_id: '16', force_rebuild: 'yes' });
    for (const res of [unknown, wrongType]) {
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation_failed' });
    }
    expect(Object.keys(unknown.body.details.fields)).toEqual(['extra']);
    expect(Object.keys(wrongType.body.details.fields)).toEqual(['force_rebuild']);
    expect(service.setup).not.toHaveBeenCalled();
  });

  it('hands a numeric campaign id to the service as a string, force_rebuild defaulting to false', async () => {
    service.setup.mockResolvedValue({ status: 'success' });
    const res = await setup({ campaign_id: 16 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'success' });
    expect(service.setup).toHaveBeenCalledWith('16', false);
  });

  it('refuses a package id outside the campaign id pattern before the service: 400', async () => {
    const res = await harness.http.get('/campaigns/bad%20id/package').set(harnessBearer);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'invalid_path_parameter' });
    expect(service.getPackage).not.toHaveBeenCalled();
  });

  it('refuses the package route without a token', async () => {
    const res = await harness.http.get('/campaigns/16/package');
    expect(res.status).toBe(401);
    expect(service.getPackage).not.toHaveBeenCalled();
  });
});
