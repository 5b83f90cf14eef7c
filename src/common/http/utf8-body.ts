// JSON is UTF-8 (RFC 8259). express.json and Buffer#toString replace invalid bytes with U+FFFD
// silently, so a signed Supabase, Notion, booking or post-call body with invalid bytes would be
// stored as something other than what was signed. It is refused instead, on the raw bytes.
import { isUtf8 } from 'node:buffer';
import { ApiException } from '../errors/api.exception';

/** 400 `invalid_encoding` when the bytes are not valid UTF-8 (the same verdict as TextDecoder's fatal mode). */
export function assertUtf8(raw: Buffer): void {
  if (!isUtf8(raw))
    throw ApiException.badRequest(
      'invalid_encoding',
      'Invalid encoding',
      'The request body is not valid UTF-8',
    );
}
