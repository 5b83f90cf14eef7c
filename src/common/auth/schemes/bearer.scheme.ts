// `Authorization: Bearer <token>`, token one of API_TOKENS.
import { fail, OK, secretsEqual, type VerifyResult } from './verify-result';

export function verifyBearer(
  header: string | undefined | null,
  tokens: readonly string[],
): VerifyResult {
  if (tokens.length === 0) return fail('not_configured');
  if (header === undefined || header === '') return fail('missing');
  const match = header === null ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return fail('malformed');
  let matched = false;
  for (const token of tokens) if (secretsEqual(match[1], token)) matched = true;
  return matched ? OK : fail('invalid');
}
