import { validateEnv } from './validate-env';

const base = { NODE_ENV: 'test', DATA_DIR: '/tmp/unused' };
const oidc = {
  CONSOLE_OIDC_ISSUER: 'https://login.example.com/realms/hoc',
  CONSOLE_OIDC_CLIENT_ID: 'hoc-console',
  CONSOLE_OIDC_SCOPE_MAP: '{"hoc-ops":["*"],"hoc-support":["calls","events:read"]}',
};

describe('console sign-in settings', () => {
  it('are optional: without an issuer the console signs in with tokens only', () => {
    expect(validateEnv(base).CONSOLE_OIDC_ISSUER).toBeUndefined();
  });

  it('accept an issuer, a client and a scope map', () => {
    expect(validateEnv({ ...base, ...oidc }).CONSOLE_OIDC_CLIENT_ID).toBe('hoc-console');
  });

  it.each([
    [{ CONSOLE_OIDC_CLIENT_ID: '' }, /CONSOLE_OIDC_CLIENT_ID: required/],
    [{ CONSOLE_OIDC_SCOPE_MAP: '{}' }, /maps no claim value/],
    [{ CONSOLE_OIDC_SCOPE_MAP: 'ops=*' }, /must be JSON/],
    [{ CONSOLE_OIDC_SCOPE_MAP: '["*"]' }, /must be a JSON object/],
    [{ CONSOLE_OIDC_SCOPE_MAP: '{"ops":"*"}' }, /\["ops"\] must be a list of scopes/],
    [{ CONSOLE_OIDC_SCOPE_MAP: '{"ops":["everything"]}' }, /unknown scopes: everything/],
    [{ CONSOLE_OIDC_ISSUER: 'not a url' }, /CONSOLE_OIDC_ISSUER/],
    [{ CONSOLE_SESSION_TTL_MINUTES: '0' }, /CONSOLE_SESSION_TTL_MINUTES/],
  ])('refuse to start on %j', (override, message) => {
    expect(() => validateEnv({ ...base, ...oidc, ...override })).toThrow(message);
  });
});
