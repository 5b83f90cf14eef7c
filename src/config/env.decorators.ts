// The composite decorators of the env schema: one line per variable says its type and its rule.
// Env values arrive as strings; each decorator parses (class-transformer) and then checks
// (class-validator). The Optional* ones treat unset and empty alike: the variable is undefined.
import { applyDecorators } from '@nestjs/common';
import { Transform, type TransformFnParams } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
} from 'class-validator';

type Parse = (value: unknown) => unknown;

const emptyToUndefined: Parse = (value) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const toInt: Parse = (value) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
const toBool: Parse = (value) =>
  typeof value === 'string'
    ? ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase())
    : value;

const parse = (fn: Parse) => Transform(({ value }: TransformFnParams) => fn(value));
const optional = (fn: Parse = (value) => value) =>
  applyDecorators(
    parse((value) => fn(emptyToUndefined(value))),
    IsOptional(),
  );

/** http(s) with a host; a TLD is not required (127.0.0.1, service names in a cluster). */
const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };
const BYTE_SIZE = /^\d+(\.\d+)?\s*(b|kb|mb|gb)?$/i;

interface Range {
  min: number;
  max?: number;
}
const inRange = ({ min, max }: Range) =>
  applyDecorators(IsInt(), Min(min), ...(max === undefined ? [] : [Max(max)]));

export const StringVar = () => IsString();
export const OptionalString = () => applyDecorators(optional(), IsString());

/** An integer in [min, max] (max optional); a type error is reported before a range error. */
export const IntVar = (range: Range) => applyDecorators(parse(toInt), inRange(range));
export const OptionalInt = (range: Range) => applyDecorators(optional(toInt), inRange(range));

/** `1`, `true`, `yes`, `on` (any case) are true; anything else is false. */
export const BoolVar = () => applyDecorators(parse(toBool), IsBoolean());

export const UrlVar = () => IsUrl(URL_OPTIONS);
export const OptionalUrl = () => applyDecorators(optional(), IsUrl(URL_OPTIONS));

/** A body size as the body parsers read it: `100kb`, `1mb`, `1.5 MB`. */
export const ByteSize = () =>
  Matches(BYTE_SIZE, {
    message: ({ property }) => `${property} must be a size such as 100kb or 50mb`,
  });

/** One of a fixed list of values, after an optional normalisation (e.g. of spelling or case). */
export const OneOf = (values: readonly string[], normalise?: Parse) =>
  applyDecorators(...(normalise ? [parse(normalise)] : []), IsIn(values));

/** A string matching the pattern; `rule` completes the message "<VARIABLE> must …". */
const matching = (pattern: RegExp, rule: string) =>
  Matches(pattern, { message: ({ property }) => `${property} must ${rule}` });
export const Pattern = (pattern: RegExp, rule: string) => matching(pattern, rule);
export const OptionalPattern = (pattern: RegExp, rule: string) =>
  applyDecorators(optional(), matching(pattern, rule));

/** ISO 3166 alpha-2, any case (`de` is `DE`). */
export const CountryCode = () =>
  applyDecorators(
    parse((value) => (typeof value === 'string' ? value.trim().toUpperCase() : value)),
    matching(/^[A-Z]{2}$/, 'be a country code such as DE'),
  );
