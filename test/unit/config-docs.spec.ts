// .env.example and the table of docs/configuration.md are generated from the env schema; they must be current.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readEnvSchema, renderConfigurationPage, renderEnvExample } from '../../tools/config-docs';
import { REPO_ROOT as root } from '../../tools/paths';

describe('configuration docs', () => {
  it('documents every variable the schema declares (each needs a doc comment)', () => {
    const source = readFileSync(join(root, 'src/config/env.schema.ts'), 'utf8');
    const declared = [...source.matchAll(/^ {2}([A-Z][A-Z0-9_]*)\??[:=! ]/gm)].map((m) => m[1]);
    expect(readEnvSchema().map((v) => v.name)).toEqual(declared);
    expect(declared).toEqual(
      expect.arrayContaining([
        'API_TOKENS',
        'DATABASE_URL',
        'ELEVENLABS_WEBHOOK_SECRETS',
        'PAYLOAD_DIR',
      ]),
    );
  });

  it('.env.example is current (npm run docs)', () => {
    expect(readFileSync(join(root, '.env.example'), 'utf8')).toBe(renderEnvExample());
  });

  it('docs/configuration.md table is current (npm run docs)', () => {
    const page = readFileSync(join(root, 'docs', 'configuration.md'), 'utf8');
    expect(page).toBe(renderConfigurationPage(page));
  });

  it('.env.example sets no secret: nothing that would silence the warnings or go live', () => {
    const example = readFileSync(join(root, '.env.example'), 'utf8');
    expect(example).not.toMatch(/change-me/i);
    for (const line of example.split('\n').filter((l) => /(TOKENS?|SECRETS?|KEY)=/.test(l))) {
      expect(line).toMatch(/^# [A-Z_]+=$/);
    }
  });
});
