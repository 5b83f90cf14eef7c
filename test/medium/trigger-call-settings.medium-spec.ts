// trigger-call in the settings that change how it dials or whether it may: ELEVENLABS_TELEPHONY
// picks the outbound endpoint, and without an agent no talk link is minted. CallsService with its
// real module and database; HOC and ElevenLabs are the loopback fakes. No HTTP: the route's edge is
// src/calls/calls.controller.spec.ts.
import { AuditModule } from '../../src/audit/audit.module';
import { CallsModule } from '../../src/calls/calls.module';
import { CallsService } from '../../src/calls/calls.service';
import type { TriggerCallDto } from '../../src/calls/dto/trigger-call.dto';
import { buildErrorResponse } from '../../src/common/errors/error-response';
import { FakeElevenLabs } from '../../tools/fakes/elevenlabs.fake';
import { FakeHoc } from '../../tools/fakes/hoc.fake';
import { expectErrorShape } from '../support/error-shape';
import { newMedium } from './medium';

const candidate: TriggerCallDto = {
  campaign_id: '123',
  company_name: 'Tech Startup GmbH',
  candidate_first_name: 'Max',
  candidate_last_name: 'Mustermann',
};

describe('trigger-call settings (medium)', () => {
  const hoc = new FakeHoc();
  const elevenlabs = new FakeElevenLabs();

  beforeAll(() => Promise.all([hoc.start(), elevenlabs.start()]));
  afterAll(() => Promise.all([hoc.stop(), elevenlabs.stop()]));

  /** The calls module against the fakes, with these settings on top. */
  const callsWith = (env: Record<string, string>) =>
    newMedium({
      // AuditModule: the app's global audit trail, which @Audited routes write to.
      imports: [AuditModule, CallsModule],
      jobs: true,
      env: {
        HOC_API_URL: hoc.url,
        HOC_API_KEY: hoc.apiKey,
        ELEVENLABS_API_URL: elevenlabs.url,
        ...env,
      },
    });

  it('uses the SIP trunk endpoint when ELEVENLABS_TELEPHONY is sip_trunk', async () => {
    const medium = await callsWith({
      ELEVENLABS_API_KEY: elevenlabs.apiKey,
      ELEVENLABS_AGENT_ID: 'agent_x',
      ELEVENLABS_TELEPHONY: 'sip_trunk',
      CALL_MODE: 'phone',
    });
    try {
      const answer = await medium.get(CallsService).trigger({
        ...candidate,
        to_number: '+491701234567',
        agent_phone_number_id: 'phnum_sip',
      });
      expect(elevenlabs.calls().at(-1)!.path).toBe('/v1/convai/sip-trunk/outbound-call');
      expect(answer.data.conversation_id).toMatch(/^conv_fake/);
    } finally {
      await medium.close();
    }
  });

  it('mints no link without an agent: 503 in the error shape', async () => {
    // No ELEVENLABS_API_KEY, no ELEVENLABS_AGENT_ID: set-up could not have made an agent either.
    const medium = await callsWith({ LINK_SECRET: 'medium-link-secret' });
    try {
      const refusal = await medium
        .get(CallsService)
        .trigger(candidate)
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      // Rendered as the exception filter renders it for the route.
      const { status, body } = buildErrorResponse(refusal, 'medium-request-1');
      expect(status).toBe(503);
      expectErrorShape(body, { code: 'agent_not_configured' });
    } finally {
      await medium.close();
    }
  });
});
