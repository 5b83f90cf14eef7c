import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { deprecationWarnings } from './startup-warnings';
import { InvalidEnvironmentError, validateEnv } from './validate-env';

const legacyEnv = (file: string) =>
  parseEnv(readFileSync(join(__dirname, '../../test/fixtures/legacy-env', file), 'utf8')) as Record<
    string,
    string
  >;

describe('old names that are never guessed', () => {
  const setup = legacyEnv('campaign-setup.env');

  it("development: the set-up service's env starts with warnings naming API_KEY's and WEBHOOK_SECRET's two meanings", () => {
    const env = validateEnv({ ...setup, NODE_ENV: 'development' });
    expect(env.API_TOKENS).toBe('');
    expect(env.HOC_API_KEY).toBeUndefined();
    expect(env.SYNC_WEBHOOK_SECRET).toBe('');
    const warnings = deprecationWarnings(setup);
    const apiKey = warnings.find((w) => w.startsWith('API_KEY '));
    expect(apiKey).toMatch(/campaign set-up.*HOC_API_KEY.*call trigger.*API_CLIENTS/);
    const secret = warnings.find((w) => w.startsWith('WEBHOOK_SECRET '));
    expect(secret).toMatch(/campaign set-up.*API_CLIENTS.*sync.*SYNC_WEBHOOK_SECRET/);
  });

  it('production: refuses in one line naming API_KEY', () => {
    const start = () => validateEnv({ ...setup, NODE_ENV: 'production' });
    expect(start).toThrow(InvalidEnvironmentError);
    expect(start).toThrow(/^Refusing to start in production: API_KEY is ambiguous[^\n]*$/);
  });

  it('the call trigger service’s API_KEY alone is refused in production too', () => {
    expect(() => validateEnv({ ...legacyEnv('call-trigger.env'), NODE_ENV: 'production' })).toThrow(
      /API_KEY is ambiguous/,
    );
  });

  it('with its new names set, an old name is only unread, and no longer refused', () => {
    const raw = { API_KEY: 'old', HOC_API_KEY: 'hoc-key', NODE_ENV: 'development' };
    expect(deprecationWarnings(raw)).toEqual([
      'API_KEY is not read (its new names are set): remove it',
    ]);
  });

  it('old inbound tokens and the set-up service’s questionnaire settings are warned about with the reason', () => {
    const warnings = deprecationWarnings({ ...setup, API_SECRET_KEY: 'x', WEBHOOK_API_KEY: 'y' });
    for (const name of ['API_SECRET_KEY', 'WEBHOOK_API_KEY'])
      expect(warnings).toContainEqual(
        expect.stringMatching(new RegExp(`^${name} is NOT read: .*API_CLIENTS`)),
      );
    for (const name of ['USE_API_SOURCE', 'API_URL', 'API_STATUS', 'FILTER_TEST_APPLICANTS'])
      expect(warnings).toContainEqual(
        expect.stringMatching(
          new RegExp(`^${name} \\(campaign set-up service\\) is not read: \\S`),
        ),
      );
  });
});
