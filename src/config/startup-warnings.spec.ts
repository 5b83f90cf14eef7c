// What main.ts warns about at start-up, computed from one validated environment.
import { deprecationWarnings, routeWarnings } from './startup-warnings';
import { validateEnv } from './validate-env';

const SECRETS = {
  API_TOKENS: 'token-of-sixteen-bytes',
  ELEVENLABS_WEBHOOK_SECRETS: 'elevenlabs-secret',
  SYNC_WEBHOOK_SECRET: 'sync-secret',
  NOTION_VERIFICATION_TOKEN: 'notion-token',
  BOOKING_WEBHOOK_SECRET: 'booking-secret',
  LINK_SECRET: 'link-secret',
};

describe('start-up warnings', () => {
  it('none when every secret is set', () => {
    expect(routeWarnings(validateEnv(SECRETS))).toEqual([]);
  });

  it('names each missing secret and what its routes do without it', () => {
    const warnings = routeWarnings(validateEnv({}));
    expect(warnings).toEqual([
      expect.stringMatching(/^API_TOKENS is not set: .* REFUSES requests with 401$/),
      expect.stringMatching(/^ELEVENLABS_WEBHOOK_SECRETS is not set: .*post-call REFUSES/),
      expect.stringMatching(/^SYNC_WEBHOOK_SECRET is not set: /),
      expect.stringMatching(/^NOTION_VERIFICATION_TOKEN is not set: /),
      expect.stringMatching(/^BOOKING_WEBHOOK_SECRET and GHL_WEBHOOK_PUBLIC_KEY .* PUBLIC/),
      expect.stringMatching(/^LINK_SECRET is not set: .* 503$/),
    ]);
  });

  it('says the sync webhooks are public when signatures are switched off', () => {
    const warnings = routeWarnings(validateEnv({ ...SECRETS, VERIFY_WEBHOOK_SIGNATURES: 'false' }));
    expect(warnings).toEqual([
      expect.stringMatching(/^VERIFY_WEBHOOK_SIGNATURES=false: .* are PUBLIC/),
    ]);
  });

  it('a GoHighLevel public key alone is enough to sign the booking webhook', () => {
    const { BOOKING_WEBHOOK_SECRET: _unset, ...rest } = SECRETS;
    const key = 'MCowBQYDK2VwAyEA' + 'A'.repeat(43) + '=';
    expect(routeWarnings(validateEnv({ ...rest, GHL_WEBHOOK_PUBLIC_KEY: key }))).toEqual([]);
  });

  it('one line per old variable name, naming its successor or why it is not read', () => {
    expect(deprecationWarnings({ HIRINGS_API_TOKEN: 'old', WEBHOOK_SECRET: 'old-sync' })).toEqual([
      'HIRINGS_API_TOKEN is deprecated: rename it to HOC_API_KEY (its value is used as HOC_API_KEY for now)',
      expect.stringMatching(/^WEBHOOK_SECRET is ambiguous and is NOT read/),
    ]);
  });
});
