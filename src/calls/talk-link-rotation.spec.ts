// LINK_SECRET rotation end to end through the config: links sent before the rotation keep
// opening while the old secret is still listed, new links are signed with the first secret.
import { agentConfig } from '../config/namespaces';
import { validateEnv } from '../config/validate-env';
import { createTalkToken, verifyTalkToken } from './talk-link';

const now = Date.UTC(2026, 11, 4);

describe('LINK_SECRET rotation', () => {
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
});
