// Bounds the shape of a JSON body on its raw bytes, before JSON.parse and before any
// transformation: class-transformer, validators and loggers walk objects recursively, so a body
// nested 20,000 levels deep overflows the stack (a 500) long after parsing succeeded. Scanning
// the bytes costs one pass; strings (a 30 MB base64 audio among them) are skipped with indexOf.
import { ApiException } from '../errors/api.exception';

/** Deeper than any provider payload we receive (ElevenLabs post-call data: ~8 levels). */
export const MAX_JSON_DEPTH = 64;
/** Members of one object; provider records carry dozens. Arrays are bounded by the body limit. */
export const MAX_JSON_KEYS = 1000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COLON = 0x3a;

/**
 * Keys refused anywhere in a body: JavaScript gives them meaning, and class-transformer crashes
 * on `constructor` objects and silently drops all three from typed fields, so they could never
 * be stored as the data they claim to be.
 */
export const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];
const FORBIDDEN_RAW = FORBIDDEN_KEYS.map((key) => Buffer.from(`"${key}"`));
const isSpace = (byte: number) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;

/** The key a string token spells (escapes decoded) when it is one of FORBIDDEN_KEYS, else null. */
function forbiddenKey(raw: Buffer, start: number, end: number): string | null {
  const token = raw.subarray(start, end + 1);
  if (token.includes(BACKSLASH)) {
    let key: unknown;
    try {
      key = JSON.parse(token.toString('utf8'));
    } catch {
      return null;
    }
    return FORBIDDEN_KEYS.includes(key as string) ? (key as string) : null;
  }
  const hit = FORBIDDEN_RAW.find((forbidden) => forbidden.equals(token));
  return hit ? hit.subarray(1, -1).toString() : null;
}

function followedByColon(raw: Buffer, at: number): boolean {
  while (at < raw.length && isSpace(raw[at])) at++;
  return raw[at] === COLON;
}

/** Index of the quote that closes the string whose opening quote is at `start`, or -1. */
function endOfString(raw: Buffer, start: number): number {
  let at = raw.indexOf(QUOTE, start + 1);
  while (at >= 0) {
    let backslashes = 0;
    for (let i = at - 1; raw[i] === BACKSLASH; i--) backslashes++;
    if (backslashes % 2 === 0) return at;
    at = raw.indexOf(QUOTE, at + 1);
  }
  return -1;
}

export function tooDeep(limit = MAX_JSON_DEPTH): ApiException {
  return ApiException.badRequest(
    'body_too_deep',
    'Request body nested too deeply',
    `The JSON body is nested deeper than ${limit} levels`,
    { max_depth: limit },
  );
}

function forbidden(key: string): ApiException {
  return ApiException.badRequest(
    'forbidden_key',
    'Forbidden key in request body',
    `The JSON body has a "${key}" key, which is not accepted anywhere in a body`,
    { key, forbidden_keys: FORBIDDEN_KEYS },
  );
}

function tooManyKeys(limit: number): ApiException {
  return ApiException.badRequest(
    'body_too_many_keys',
    'Request body has too many keys',
    `An object of the JSON body has more than ${limit} keys`,
    { max_keys: limit },
  );
}

/**
 * Throws a 400 in the error shape when `raw` (JSON text, valid or not: the parser judges that)
 * nests deeper than `maxDepth`, has an object with more than `maxKeys` members or a key of
 * FORBIDDEN_KEYS.
 */
export function assertJsonShape(
  raw: Buffer,
  maxDepth = MAX_JSON_DEPTH,
  maxKeys = MAX_JSON_KEYS,
): void {
  // Per open container: -1 for an array, else the members counted so far.
  const members = new Int32Array(maxDepth + 1);
  let depth = 0;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (byte === QUOTE) {
      const end = endOfString(raw, i);
      if (end < 0) return;
      // Only short tokens can be a forbidden key; the audio string is never decoded here.
      if (end - i < 80 && depth > 0 && members[depth] >= 0 && followedByColon(raw, end + 1)) {
        const key = forbiddenKey(raw, i, end);
        if (key) throw forbidden(key);
      }
      i = end;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (depth === maxDepth) throw tooDeep(maxDepth);
      members[++depth] = byte === OPEN_ARRAY ? -1 : 0;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      if (depth > 0) depth--;
    } else if (byte === COLON && depth > 0 && members[depth] >= 0) {
      if (++members[depth] > maxKeys) throw tooManyKeys(maxKeys);
    }
  }
}
