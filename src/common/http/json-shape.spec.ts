import { ApiException } from '../errors/api.exception';
import { assertJsonShape, MAX_JSON_DEPTH, MAX_JSON_KEYS } from './json-shape';

const codeOf = (text: string): string | null => {
  try {
    assertJsonShape(Buffer.from(text));
    return null;
  } catch (error) {
    return (error as ApiException).init.code;
  }
};
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('assertJsonShape', () => {
  it('accepts ordinary bodies, including at exactly the depth limit', () => {
    expect(codeOf('{"type":"x","data":{"a":[1,{"b":"c"}]}}')).toBeNull();
    expect(codeOf(nested(MAX_JSON_DEPTH))).toBeNull();
  });

  it('refuses one level too deep, for objects and arrays', () => {
    expect(codeOf(nested(MAX_JSON_DEPTH + 1))).toBe('body_too_deep');
    expect(codeOf('['.repeat(20_000))).toBe('body_too_deep');
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const brackets = `"${'{['.repeat(500)}\\"${'{'.repeat(500)}"`;
    expect(codeOf(`{"a":${brackets},"b":"\\\\"}`)).toBeNull();
  });

  it('counts members per object, not across objects or arrays', () => {
    const members = (n: number) => Array.from({ length: n }, (_, i) => `"k${i}":1`).join(',');
    expect(codeOf(`{${members(MAX_JSON_KEYS)}}`)).toBeNull();
    expect(codeOf(`{${members(MAX_JSON_KEYS + 1)}}`)).toBe('body_too_many_keys');
    expect(codeOf(`[${Array.from({ length: 5000 }, () => '{"a":1}').join(',')}]`)).toBeNull();
  });

  it('refuses __proto__, constructor and prototype keys, escaped spellings too', () => {
    expect(codeOf('{"__proto__":{}}')).toBe('forbidden_key');
    expect(codeOf('{"a":[{"constructor" :1}]}')).toBe('forbidden_key');
    expect(codeOf('{"a":{"prototype":1}}')).toBe('forbidden_key');
    expect(codeOf('{"\\u005f_proto__":1}')).toBe('forbidden_key');
  });

  it('lets those words through as values', () => {
    expect(codeOf('{"a":"__proto__","b":["constructor"],"c":"prototype"}')).toBeNull();
  });
});
