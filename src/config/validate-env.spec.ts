// The schema's parsing and rules (env.decorators.ts): strings in, typed values out, and one
// readable line naming the variable when a value breaks its rule.
import { InvalidEnvironmentError, validateEnv } from './validate-env';

const problem = (env: Record<string, string>): string => {
  try {
    validateEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    return (error as Error).message;
  }
  throw new Error(`${JSON.stringify(env)} was accepted`);
};

describe('validateEnv', () => {
  it('an empty environment is the documented defaults', () => {
    const env = validateEnv({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      LOG_LEVEL: 'info',
      VERIFY_WEBHOOK_SIGNATURES: true,
      HOC_UPLOAD_ENABLED: false,
      SYNC_MAX_ATTEMPTS: 3,
      BOOKING_DEFAULT_COUNTRY: 'DE',
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.WEBHOOK_THROTTLE_LIMIT).toBeUndefined();
  });

  it('parses integers, booleans, optional values and normalised spellings', () => {
    const env = validateEnv({
      PORT: ' 8080 ',
      WEBHOOK_THROTTLE_LIMIT: '20',
      HOC_UPLOAD_ENABLED: 'YES',
      VERIFY_WEBHOOK_SIGNATURES: 'off',
      LOG_LEVEL: 'WARNING',
      BOOKING_DEFAULT_COUNTRY: ' at ',
      METRICS_TOKEN: '',
      HOC_API_URL: '  ',
      BODY_LIMIT: '1.5 MB',
    });
    expect(env).toMatchObject({
      PORT: 8080,
      WEBHOOK_THROTTLE_LIMIT: 20,
      HOC_UPLOAD_ENABLED: true,
      VERIFY_WEBHOOK_SIGNATURES: false,
      LOG_LEVEL: 'warn',
      BOOKING_DEFAULT_COUNTRY: 'AT',
      BODY_LIMIT: '1.5 MB',
    });
    expect(env.METRICS_TOKEN).toBeUndefined();
    expect(env.HOC_API_URL).toBeUndefined();
  });

  it('refuses audit rows kept shorter than everything else, and a bad API_CLIENTS, by name', () => {
    expect(() => validateEnv({ RETENTION_DAYS: '90', AUDIT_RETENTION_DAYS: '30' })).toThrow(
      'AUDIT_RETENTION_DAYS (30) must be at least RETENTION_DAYS (90)',
    );
    expect(() =>
      validateEnv({ API_CLIENTS: '[{"name":"hoc","token":"0123456789abcdef","scopes":["god"]}]' }),
    ).toThrow(/client "hoc".*unknown scope "god"/);
  });

  it('ignores variables outside the schema', () => {
    expect(validateEnv({ PATH: '/usr/bin', SOMETHING_ELSE: 'x' })).not.toHaveProperty('PATH');
  });

  it('says a non-number is not an integer before it speaks of the range', () => {
    expect(problem({ PORT: 'abc' })).toBe(
      'Invalid environment: PORT: PORT must be an integer number',
    );
    expect(problem({ WEBHOOK_THROTTLE_LIMIT: 'x' })).toMatch(
      /WEBHOOK_THROTTLE_LIMIT must be an integer/,
    );
    expect(problem({ SYNC_JOB_TIMEOUT_SECONDS: '1.5' })).toMatch(/must be an integer/);
  });

  it('names the bound a number breaks', () => {
    expect(problem({ PORT: '70000' })).toMatch(/PORT must not be greater than 65535/);
    expect(problem({ HOC_TIMEOUT_MS: '5' })).toMatch(/HOC_TIMEOUT_MS must not be less than 100/);
    expect(problem({ WEBHOOK_THROTTLE_LIMIT: '0' })).toMatch(/must not be less than 1/);
    expect(problem({ SYNC_MAX_ATTEMPTS: '21' })).toMatch(/must not be greater than 20/);
  });

  it('says what shape a string must have', () => {
    expect(problem({ DATABASE_URL: 'mysql://db' })).toMatch(
      /DATABASE_URL must start with postgres:\/\/ or postgresql:\/\//,
    );
    expect(problem({ REDIS_URL: 'localhost:6379' })).toMatch(
      /REDIS_URL must start with redis:\/\//,
    );
    expect(problem({ AUDIO_BODY_LIMIT: 'big' })).toMatch(/AUDIO_BODY_LIMIT must be a size such as/);
    expect(problem({ PUBLIC_BASE_URL: 'example.org' })).toMatch(/PUBLIC_BASE_URL must be a URL/);
    expect(problem({ ALERT_WEBHOOK_URL: 'ftp://alerts' })).toMatch(
      /ALERT_WEBHOOK_URL must be a URL/,
    );
    expect(problem({ BOOKING_DEFAULT_COUNTRY: 'deu' })).toMatch(
      /must be a country code such as DE/,
    );
    expect(problem({ SUPABASE_PRIMARY_KEYS: 'interviews' })).toMatch(
      /SUPABASE_PRIMARY_KEYS must be table=column pairs separated by commas/,
    );
    expect(problem({ ELEVENLABS_TELEPHONY: 'skype' })).toMatch(
      /ELEVENLABS_TELEPHONY must be one of the following values: twilio, sip_trunk/,
    );
  });

  it('reports every broken variable in one line', () => {
    expect(problem({ PORT: 'x', LOG_LEVEL: 'loud' })).toMatch(
      /^Invalid environment: PORT: .*; LOG_LEVEL: /,
    );
  });
});
