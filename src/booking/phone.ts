// Sender numbers as people write them (spaces, dashes, brackets, 00 or national 0…) become E.164.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** The replaced service's shape: international digits, with or without the plus. */
const INTERNATIONAL_DIGITS = /^\+?[1-9]\d{6,14}$/;
const SEPARATORS = /[\s\-./()\u00a0]/g;

/**
 * E.164 (`+491709990001`) or null when the value cannot be a phone number. A leading `00` is the
 * international prefix; a single leading `0` marks a national number of `defaultCountry`;
 * other bare digits are international without the plus, as the old service took them.
 */
export function toE164(value: string, defaultCountry: string): string | null {
  const compact = value.trim().replace(SEPARATORS, '');
  if (!/^\+?\d+$/.test(compact) || compact.length > 20) return null;
  let international: string;
  if (compact.startsWith('+')) international = compact;
  else if (compact.startsWith('00')) international = `+${compact.slice(2)}`;
  else if (compact.startsWith('0')) {
    const national = parsePhoneNumberFromString(compact, defaultCountry as CountryCode);
    return national?.isPossible() ? national.number : null;
  } else international = `+${compact}`;
  const parsed = parsePhoneNumberFromString(international);
  if (parsed?.isPossible()) return parsed.number;
  // Numbers the metadata does not know (test ranges, new plans) keep the old service's rule.
  return INTERNATIONAL_DIGITS.test(international) ? international : null;
}
