import { claimValues, mapScopes, personName } from './scope-mapping';

const MAP = {
  ops: ['*'],
  support: ['calls', 'events:read'],
  audit: ['audit:read', 'calls'],
} as const;

describe('console scope mapping', () => {
  it('reads a list claim and a single-string claim, ignoring other types', () => {
    expect(claimValues({ groups: ['a', 1, 'b'] }, 'groups')).toEqual(['a', 'b']);
    expect(claimValues({ roles: 'support' }, 'roles')).toEqual(['support']);
    expect(claimValues({ groups: { a: 1 } }, 'groups')).toEqual([]);
    expect(claimValues({}, 'groups')).toEqual([]);
  });

  it('unites the scopes of every mapped value and ignores unknown values', () => {
    expect(mapScopes(['support', 'audit', 'nobody'], MAP)).toEqual([
      'audit:read',
      'calls',
      'events:read',
    ]);
    expect(mapScopes(['nobody'], MAP)).toEqual([]);
  });

  it('reduces to * when any value grants every scope', () => {
    expect(mapScopes(['support', 'ops'], MAP)).toEqual(['*']);
  });

  it('names the person by e-mail, else by subject', () => {
    expect(personName({ sub: 's1', email: 'a@example.com' })).toBe('a@example.com');
    expect(personName({ sub: 's1' })).toBe('s1');
  });
});
