// Safe defaults: production refuses placeholder or short secrets and an embedded database nobody
// chose, in one line naming the variable; development starts (with warnings) and never calls
// production HOC unless HOC_API_URL is set.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hocConfig, PRODUCTION_HOC_API_URL } from './namespaces';
import { InvalidEnvironmentError, validateEnv } from './validate-env';

const strong = (name: string) => `${name.toLowerCase()}-0123456789abcdef`;
const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://app@db:5432/app',
  API_TOKENS: strong('api'),
  ELEVENLABS_WEBHOOK_SECRETS: strong('el'),
  SYNC_WEBHOOK_SECRET: strong('sync'),
  LINK_SECRET: strong('link'),
  BOOKING_WEBHOOK_SECRET: strong('booking'),
};

function refusal(env: Record<string, string>): string {
  try {
    validateEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    return (error as Error).message;
  }
  throw new Error('expected production to refuse this environment');
}

describe('production safety', () => {
  it('starts with strong secrets and PostgreSQL', () => {
    expect(validateEnv(PRODUCTION).NODE_ENV).toBe('production');
  });

  it('refuses a placeholder secret in one line naming the variable', () => {
    const message = refusal({ ...PRODUCTION, LINK_SECRET: 'change-me-link-secret' });
    expect(message).toContain('LINK_SECRET holds a placeholder');
    expect(message).not.toContain('\n');
    expect(message).not.toContain('API_TOKENS');
  });

  it('refuses a secret shorter than 16 bytes, also as one item of a rotation list', () => {
    expect(refusal({ ...PRODUCTION, API_TOKENS: `${strong('a')},short-token` })).toContain(
      'API_TOKENS is shorter than 16 bytes',
    );
    expect(refusal({ ...PRODUCTION, METRICS_TOKEN: 'abc' })).toContain('METRICS_TOKEN');
  });

  it('refuses a placeholder provider key but accepts its own format (Notion: secret_…)', () => {
    expect(refusal({ ...PRODUCTION, HOC_API_KEY: 'change-me' })).toContain(
      'HOC_API_KEY holds a placeholder',
    );
    expect(() =>
      validateEnv({ ...PRODUCTION, NOTION_VERIFICATION_TOKEN: 'secret_tMrlL1qK5vuQAh1b6c' }),
    ).not.toThrow();
  });

  it('refuses the embedded database unless chosen, and says how', () => {
    const { DATABASE_URL: _unset, ...withoutDatabase } = PRODUCTION;
    const message = refusal(withoutDatabase);
    expect(message).toMatch(/DATABASE_URL is not set: with several replicas/);
    expect(message).toContain('EMBEDDED_DATABASE=true');
    expect(validateEnv({ ...withoutDatabase, EMBEDDED_DATABASE: 'true' }).EMBEDDED_DATABASE).toBe(
      true,
    );
  });

  it('a copied .env.example cannot go live: production refuses it for missing secrets', () => {
    const example = Object.fromEntries(
      readFileSync(join(__dirname, '..', '..', '.env.example'), 'utf8')
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(refusal({ ...example, NODE_ENV: 'production' })).toMatch(
      /^Refusing to start in production without: API_TOKENS/,
    );
  });

  it('development starts with placeholders (main.ts warns) and short secrets', () => {
    expect(() =>
      validateEnv({ NODE_ENV: 'development', API_TOKENS: 'change-me', LINK_SECRET: 'x' }),
    ).not.toThrow();
  });
});

describe('HOC base URL', () => {
  const hocUrl = (env: Record<string, string>) => hocConfig(validateEnv(env)).apiUrl;

  it('development and test call no HOC unless HOC_API_URL is set', () => {
    expect(hocUrl({ NODE_ENV: 'development' })).toBeNull();
    expect(hocUrl({ NODE_ENV: 'test' })).toBeNull();
    expect(hocUrl({ NODE_ENV: 'development', HOC_API_URL: 'http://127.0.0.1:4000/api/' })).toBe(
      'http://127.0.0.1:4000/api',
    );
  });

  it('production defaults to production HOC', () => {
    expect(hocUrl(PRODUCTION)).toBe(PRODUCTION_HOC_API_URL);
  });
});
