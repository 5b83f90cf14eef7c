// Path and query parameters are checked before any handler sees them: PostgreSQL refuses a NUL
// byte in text (a 500 if it got that far), and no id of ours contains control characters, lone
// surrogates or hundreds of characters. The global pipe applies `checkParameters` to every
// @Param and @Query; `@IdParam` adds a route's own pattern on top.
import { Param, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ApiException } from '../errors/api.exception';

/** Longer than any id we store (uuid 36, ElevenLabs 128, Notion 36, Supabase keys). */
export const MAX_PATH_PARAMETER_LENGTH = 256;
/** Query values are filters and cursors, never free text. */
export const MAX_QUERY_PARAMETER_LENGTH = 1024;

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `value` cannot be a parameter, or null when it can. */
export function parameterProblem(value: string, maxLength: number): string | null {
  if (value.length === 0) return 'is empty';
  if (value.length > maxLength) return `is longer than ${maxLength} characters`;
  if (CONTROL_CHARACTERS.test(value)) return 'contains a control character';
  if (LONE_SURROGATE.test(value) || value.includes('\ufffd')) return 'is not valid UTF-8';
  return null;
}

export function invalidParameter(
  where: 'path' | 'query',
  name: string,
  problem: string,
): ApiException {
  return ApiException.badRequest(
    `invalid_${where}_parameter`,
    `Invalid ${where} parameter`,
    `${where === 'path' ? 'Path' : 'Query'} parameter ${name.slice(0, 64)} ${problem}`,
    { parameter: name.slice(0, 64), reason: problem },
  );
}

function checkValue(where: 'path' | 'query', name: string, value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) checkValue(where, name, item);
    return;
  }
  if (typeof value !== 'string') return;
  const max = where === 'path' ? MAX_PATH_PARAMETER_LENGTH : MAX_QUERY_PARAMETER_LENGTH;
  const problem = parameterProblem(value, max);
  if (problem) throw invalidParameter(where, name, problem);
}

/**
 * Throws 400 in the error shape for a path or query parameter no route could use. `value` is
 * one parameter (`@Param('x')`) or all of them (`@Param()`, `@Query()` with a DTO).
 */
export function checkParameters(value: unknown, metadata: ArgumentMetadata): void {
  if (metadata.type !== 'param' && metadata.type !== 'query') return;
  const where = metadata.type === 'param' ? 'path' : 'query';
  if (metadata.data) return checkValue(where, metadata.data, value);
  if (value && typeof value === 'object') {
    for (const [name, item] of Object.entries(value)) {
      if (where === 'query' && name.length > 128)
        throw invalidParameter(where, '?', 'name too long');
      checkValue(where, name, item);
    }
  }
}

export interface IdParamOptions {
  /** What a valid id looks like; others are answered 400 before any lookup. */
  pattern?: RegExp;
  maxLength?: number;
}

/** Checks one path parameter against the route's own rule (after the global checks). */
export class IdParamPipe implements PipeTransform<string, string> {
  constructor(private readonly options: IdParamOptions = {}) {}

  transform(value: string, metadata: ArgumentMetadata): string {
    const name = metadata.data ?? 'id';
    const problem = parameterProblem(
      String(value),
      this.options.maxLength ?? MAX_PATH_PARAMETER_LENGTH,
    );
    if (problem) throw invalidParameter('path', name, problem);
    if (this.options.pattern && !this.options.pattern.test(value))
      throw invalidParameter('path', name, `does not match ${this.options.pattern.source}`);
    return value;
  }
}

/** `@IdParam('conversation_id', { pattern })`: a path parameter validated before the handler. */
export const IdParam = (name: string, options: IdParamOptions = {}): ParameterDecorator =>
  Param(name, new IdParamPipe(options));
