// Each upstream client against a loopback fake answering 2xx in a shape it cannot use: the
// failure is an UpstreamError naming the upstream, answered 502 `upstream_error`, never a 500
// (and never read as "not found": a Supabase answer that is no list of rows deletes nothing).
import { upstreamException } from '../../src/common/errors/upstream-errors';
import {
  bookingConfig,
  elevenlabsConfig,
  hocConfig,
  syncConfig,
} from '../../src/config/namespaces';
import { validateEnv } from '../../src/config/validate-env';
import { ElevenLabsClient } from '../../src/integrations/elevenlabs/elevenlabs.client';
import { GhlClient } from '../../src/integrations/ghl/ghl.client';
import { HocClient } from '../../src/integrations/hoc/hoc.client';
import { NotionClient } from '../../src/integrations/notion/notion.client';
import { SupabaseClient } from '../../src/integrations/supabase/supabase.client';
import { UpstreamError } from '../../src/integrations/upstream-error';
import { BookingWorkflowClient } from '../../src/integrations/workflow/booking-workflow.client';
import { FakeServer } from '../../tools/fakes/fake-server';

const fake = new FakeServer('malformed');
beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => fake.heal());

/** Every request gets 200 with this body (a string is sent as raw text). */
const answer = (body: unknown) =>
  fake.fail(/^\//, {
    status: 200,
    body,
    headers: { 'content-type': 'application/json' },
  });

const env = (vars: Record<string, string>) => validateEnv({ NODE_ENV: 'test', ...vars });

async function expect502(promise: Promise<unknown>, upstream: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  expect(error).toMatchObject({ upstream, code: 'upstream_error' });
  const http = upstreamException(error as UpstreamError);
  expect(http.getStatus()).toBe(502);
  expect(JSON.stringify(http.getResponse())).toContain(upstream);
}

describe('upstream answers in an unexpected shape → 502 upstream_error naming the upstream', () => {
  const elevenlabs = () =>
    new ElevenLabsClient(
      elevenlabsConfig(env({ ELEVENLABS_API_URL: fake.url, ELEVENLABS_API_KEY: 'k' })),
    );
  const call = {
    agentId: 'agent_1',
    agentPhoneNumberId: 'phnum_1',
    toNumber: '+491701234567',
    dynamicVariables: {},
    prompt: 'p',
    firstMessage: 'f',
    language: 'de',
  };

  it('ElevenLabs: an outbound call answered `200 {}` (the SDK’s ParseError)', async () => {
    answer({});
    await expect502(elevenlabs().outboundCall(call), 'ElevenLabs');
  });

  it('ElevenLabs: an agent update answered without `metadata`', async () => {
    answer({ agent_id: 'agent_1', name: 'x', conversation_config: {}, tags: [] });
    await expect502(elevenlabs().updateAgent('agent_1', { name: 'x' }), 'ElevenLabs');
  });

  it('ElevenLabs: an answer that is not JSON', async () => {
    fake.fail(/^\//, { status: 200, body: 'not json', headers: { 'content-type': 'text/plain' } });
    await expect502(elevenlabs().createAgent({ conversationConfig: {} }), 'ElevenLabs');
  });

  it('HOC: a questionnaire without a question list', async () => {
    answer({ data: 'nothing' });
    const hoc = new HocClient(hocConfig(env({ HOC_API_URL: fake.url })));
    await expect502(hoc.getQuestionnaire('123'), 'HOC');
  });

  it('Supabase: an object instead of a list of rows (not read as "gone")', async () => {
    answer({ id: 1 });
    const supabase = new SupabaseClient(
      syncConfig(env({ SUPABASE_URL: fake.url, SUPABASE_KEY: 'k' })),
    );
    await expect502(supabase.getRecord('users', '1'), 'Supabase');
  });

  it('Notion: a page without an id', async () => {
    answer({});
    const notion = new NotionClient(
      syncConfig(env({ NOTION_API_URL: fake.url, NOTION_API_KEY: 'k' })),
    );
    await expect502(notion.getEntity('page', 'p1'), 'Notion');
  });

  it('GoHighLevel: a contact search answered with a list', async () => {
    answer([]);
    const ghl = new GhlClient(
      bookingConfig(env({ GHL_API_URL: fake.url, GHL_API_TOKEN: 't', GHL_LOCATION_ID: 'l' })),
    );
    await expect502(ghl.findContactIdByPhone('+491701234567'), 'GoHighLevel');
    await expect502(ghl.sendWhatsApp('c1', 'hi'), 'GoHighLevel');
  });

  it('Booking workflow: an answer that is neither a reply object nor text', async () => {
    answer([1, 2]);
    const workflow = new BookingWorkflowClient(
      bookingConfig(env({ BOOKING_WORKFLOW_URL: `${fake.url}/workflow` })),
    );
    await expect502(
      workflow.send({
        thread_id: 't',
        phone: '+491701234567',
        contact_id: null,
        message: 'hi',
        message_id: 1,
        history: [],
      }),
      'Booking workflow',
    );
  });
});
