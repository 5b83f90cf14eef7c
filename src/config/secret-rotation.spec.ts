// Rotation of LINK_SECRET and METRICS_TOKEN: a comma list is a list of secrets (sign with the
// first, accept any), never one secret containing a comma. The production check already judges
// each item (production-safety.ts); the guard and the talk links use the same items.
import { createTalkToken, verifyTalkToken } from '../calls/talk-link';
import { agentConfig, authConfig } from './namespaces';
import { validateEnv } from './validate-env';

const now = Date.UTC(2026, 11, 4);

describe('secret rotation', () => {
  it('LINK_SECRET=new,old: new links are signed with the first, links sent earlier still open', () => {
    const before = agentConfig(validateEnv({ LINK_SECRET: 'old-link-secret' }));
    const sentEarlier = createTalkToken('link_old', before.linkSecrets[0], 72, now);

    const rotating = agentConfig(
      validateEnv({ LINK_SECRET: ' new-link-secret , old-link-secret ' }),
    );
    expect(rotating.linkSecrets).toEqual(['new-link-secret', 'old-link-secret']);
    expect(verifyTalkToken(sentEarlier, rotating.linkSecrets, now)).toBe('link_old');

    const sentNow = createTalkToken('link_new', rotating.linkSecrets[0], 72, now);
    const after = agentConfig(validateEnv({ LINK_SECRET: 'new-link-secret' }));
    expect(verifyTalkToken(sentNow, after.linkSecrets, now)).toBe('link_new');
    expect(verifyTalkToken(sentEarlier, after.linkSecrets, now)).toBeNull();
  });

  it('METRICS_TOKEN=new,old: each item is a token; unset means none', () => {
    expect(authConfig(validateEnv({ METRICS_TOKEN: 'new-token,old-token' })).metricsTokens).toEqual(
      ['new-token', 'old-token'],
    );
    expect(authConfig(validateEnv({})).metricsTokens).toEqual([]);
  });
});
