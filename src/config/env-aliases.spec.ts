import { ENV_ALIASES, resolveEnvAliases } from './env-aliases';
import { deprecationWarnings, routeWarnings } from './startup-warnings';
import { InvalidEnvironmentError, validateEnv } from './validate-env';

describe('old variable names', () => {
  it.each([
    ['HIRINGS_API_URL', 'HOC_API_URL'],
    ['GHL_WEBHOOK_SECRET', 'BOOKING_WEBHOOK_SECRET'],
    ['ELEVENLABS_POST_CALL_HMAC_KEY', 'ELEVENLABS_WEBHOOK_SECRETS'],
    ['ELEVENLABS_POST_CALL_PAYLOAD_PATH', 'PAYLOAD_DIR'],
  ])('%s is taken as %s, with one warning naming the new name', (old, successor) => {
    const value = old === 'HIRINGS_API_URL' ? 'https://hoc.example/api/v1' : 'old-value';
    const env = validateEnv({ [old]: value }) as unknown as Record<string, unknown>;
    expect(env[successor]).toBe(value);
    const warnings = deprecationWarnings({ [old]: value });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(old);
    expect(warnings[0]).toContain(`rename it to ${successor}`);
  });

  it('ENVIRONMENT becomes NODE_ENV in its vocabulary (staging runs as production)', () => {
    expect(validateEnv({ ENVIRONMENT: 'development' }).NODE_ENV).toBe('development');
    expect(() => validateEnv({ ENVIRONMENT: 'staging' })).toThrow(
      /Refusing to start in production/,
    );
    expect(() => validateEnv({ ENVIRONMENT: 'qa' })).toThrow(
      /NODE_ENV: .*\(set through its old name ENVIRONMENT\)/,
    );
  });

  it('the new name wins over the old one, and the warning says the old one is ignored', () => {
    const raw = { GHL_WEBHOOK_SECRET: 'old', BOOKING_WEBHOOK_SECRET: 'new' };
    expect(validateEnv(raw).BOOKING_WEBHOOK_SECRET).toBe('new');
    expect(deprecationWarnings(raw)).toEqual([
      expect.stringMatching(
        /GHL_WEBHOOK_SECRET is deprecated and ignored because BOOKING_WEBHOOK_SECRET is set/,
      ),
    ]);
  });

  it('no old variable becomes a bearer token or the sync key', () => {
    const old = { API_KEY: 'a', WEBHOOK_API_KEY: 'b', API_SECRET_KEY: 'c', WEBHOOK_SECRET: 'd' };
    const env = validateEnv(old);
    expect(env.API_TOKENS).toBe('');
    expect(env.SYNC_WEBHOOK_SECRET).toBe('');
    expect(resolveEnvAliases(old).warnings).toEqual([]);
    expect(ENV_ALIASES.map((a) => a.successor)).not.toContain('API_TOKENS');
  });

  it('an empty old variable is no alias and no warning', () => {
    expect(deprecationWarnings({ WEBHOOK_SECRET: '', GHL_WEBHOOK_SECRET: '' })).toEqual([]);
  });

  it('every alias names a successor the schema declares', () => {
    const known = Object.keys(validateEnv({}));
    for (const alias of ENV_ALIASES) expect(known).toContain(alias.successor);
  });
});

describe('LOG_LEVEL', () => {
  it.each([
    ['INFO', 'info'],
    ['Debug', 'debug'],
    ['WARNING', 'warn'],
    ['CRITICAL', 'fatal'],
    [' error ', 'error'],
  ])('%s is accepted as %s', (value, level) => {
    expect(validateEnv({ LOG_LEVEL: value }).LOG_LEVEL).toBe(level);
  });

  it('an unknown level still stops the start naming the variable', () => {
    expect(() => validateEnv({ LOG_LEVEL: 'LOUD' })).toThrow(InvalidEnvironmentError);
    expect(() => validateEnv({ LOG_LEVEL: 'LOUD' })).toThrow(/LOG_LEVEL/);
  });
});

describe('start-up warnings', () => {
  it('say the booking webhook is public, not refused, without its secret', () => {
    const lines = routeWarnings(validateEnv({}));
    expect(lines.find((l) => l.includes('/booking/webhook'))).toMatch(/is PUBLIC/);
    expect(lines.find((l) => l.startsWith('API_TOKENS'))).toMatch(/REFUSES requests with 401/);
    expect(lines.find((l) => l.startsWith('ELEVENLABS_WEBHOOK_SECRETS'))).toMatch(/REFUSES/);
  });

  it('no booking warning once GHL_WEBHOOK_SECRET (the old name) is set', () => {
    const lines = routeWarnings(validateEnv({ GHL_WEBHOOK_SECRET: 's' }));
    expect(lines.some((l) => l.includes('/booking/webhook'))).toBe(false);
  });

  it('sync routes are said to be public when signature checks are off', () => {
    const lines = routeWarnings(validateEnv({ VERIFY_WEBHOOK_SIGNATURES: 'false' }));
    expect(lines.find((l) => l.includes('/api/v1/webhooks/supabase'))).toMatch(/are PUBLIC/);
    expect(lines.some((l) => l.startsWith('SYNC_WEBHOOK_SECRET'))).toBe(false);
  });

  it('a fully configured start has nothing to warn about', () => {
    const env = validateEnv({
      API_TOKENS: 't',
      ELEVENLABS_WEBHOOK_SECRETS: 'e',
      SYNC_WEBHOOK_SECRET: 's',
      NOTION_VERIFICATION_TOKEN: 'n',
      BOOKING_WEBHOOK_SECRET: 'b',
      LINK_SECRET: 'l',
    });
    expect(routeWarnings(env)).toEqual([]);
  });
});
