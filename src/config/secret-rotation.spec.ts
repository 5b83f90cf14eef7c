// Rotation of LINK_SECRET and METRICS_TOKEN: a comma list is a list of secrets (sign with the
// first, accept any), never one secret containing a comma. The production check already judges
// each item (production-safety.ts); the guard (health.controller.spec.ts) and the talk links
// (calls/talk-link-rotation.spec.ts) use the same items.
import { agentConfig, authConfig } from './namespaces';
import { validateEnv } from './validate-env';

describe('secret rotation', () => {
  it('LINK_SECRET=new,old: each item is a secret, the first one signs', () => {
    expect(
      agentConfig(validateEnv({ LINK_SECRET: ' new-secret , old-secret ' })).linkSecrets,
    ).toEqual(['new-secret', 'old-secret']);
  });

  it('METRICS_TOKEN=new,old: each item is a token; unset means none', () => {
    expect(authConfig(validateEnv({ METRICS_TOKEN: 'new-token,old-token' })).metricsTokens).toEqual(
      ['new-token', 'old-token'],
    );
    expect(authConfig(validateEnv({})).metricsTokens).toEqual([]);
  });
});
