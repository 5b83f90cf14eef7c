// A JSON object as received (provider payloads, stored payloads), and the one check that a
// parsed body is one.
import { ApiException } from '../errors/api.exception';

/** A JSON object whose fields are not known yet: narrow before use. */
export type Json = Record<string, unknown>;

export function isJsonObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** 400 `invalid_body` in the error shape: the body is JSON, but not an object. */
export function notAJsonObject(): ApiException {
  return ApiException.badRequest(
    'invalid_body',
    'Invalid request body',
    'The body must be a JSON object',
  );
}

/** The body as a JSON object, or the 400 that says it is not one. */
export function requireJsonObject(body: unknown): Json {
  if (!isJsonObject(body)) throw notAJsonObject();
  return body;
}
