import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findClient, parseApiClients } from './api-clients';

const TOKEN = 'a-long-enough-token-1';
const clients = (list: unknown, API_TOKENS = '') =>
  parseApiClients({ API_CLIENTS: JSON.stringify(list), API_TOKENS });

describe('API clients', () => {
  it('finds a client by its token or by the SHA-256 of it, and API_TOKENS as token-N with *', () => {
    const sha = createHash('sha256').update('another-token-0123').digest('hex');
    const all = clients(
      [
        { name: 'hoc', token: TOKEN, scopes: ['calls'] },
        { name: 'desk', token_sha256: sha, scopes: ['privacy:erase'] },
      ],
      'legacy-a, legacy-b',
    );
    expect(findClient(all, TOKEN)?.name).toBe('hoc');
    expect(findClient(all, 'another-token-0123')?.name).toBe('desk');
    expect(findClient(all, 'legacy-b')).toMatchObject({ name: 'token-2', scopes: new Set(['*']) });
    expect(findClient(all, 'nope')).toBeUndefined();
  });

  it('reads API_CLIENTS_FILE', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'clients-')), 'clients.json');
    writeFileSync(file, JSON.stringify([{ name: 'f', token: TOKEN, scopes: ['*'] }]));
    expect(parseApiClients({ API_CLIENTS_FILE: file, API_TOKENS: '' })[0].name).toBe('f');
  });

  it.each([
    [[{ name: 'x', token: TOKEN, scopes: ['calls', 'root'] }], 'unknown scope "root"'],
    [[{ name: 'x', scopes: ['calls'] }], 'needs "token" or "token_sha256"'],
    [
      [
        { name: 'x', token: TOKEN, scopes: ['calls'] },
        { name: 'x', token: `${TOKEN}2`, scopes: ['calls'] },
      ],
      'the name "x" is used twice',
    ],
    [
      [
        { name: 'x', token: TOKEN, scopes: ['calls'] },
        { name: 'y', token: TOKEN, scopes: ['calls'] },
      ],
      'same token as another client',
    ],
    [[{ name: 'x', token: 'short', scopes: ['calls'] }], 'at least 16 characters'],
    [[{ name: 'x', token_sha256: 'abc', scopes: ['calls'] }], '64 hexadecimal digits'],
    [[{ name: 'x', token: TOKEN, scopes: [] }], 'non-empty list'],
  ])('refuses %j: %s', (list, message) => {
    expect(() => clients(list)).toThrow(message);
  });

  it('refuses JSON that is not a list', () => {
    expect(() => parseApiClients({ API_CLIENTS: '{', API_TOKENS: '' })).toThrow('not valid JSON');
  });
});
