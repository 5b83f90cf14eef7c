// Decodes a post-call body without holding the audio twice: the base64 `full_audio` is decoded
// straight from the raw bytes in slices, and only the rest of the JSON is parsed. The older
// multipart form (`conversation_id` + `audio` file) is read from the same raw bytes.
import busboy from 'busboy';
import { ApiException } from '../common/errors/api.exception';
import { requireJsonObject } from '../common/json/json-object';

export interface DecodedPostCall {
  body: Record<string, unknown>;
  audio?: Buffer;
  format: 'json' | 'multipart';
}

const AUDIO_KEY = Buffer.from('"full_audio"');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** Decoded per slice; a multiple of 4 so slices never split a base64 quantum. */
const SLICE = 4 * 1024 * 1024;
const BASE64_BODY = /^[A-Za-z0-9+/]*$/;
const BASE64_TAIL = /^[A-Za-z0-9+/]*={0,2}$/;

const invalidJson = () =>
  ApiException.badRequest('invalid_json', 'Invalid JSON', 'The request body is not valid JSON');
export const invalidAudio = (why: string) =>
  ApiException.badRequest('invalid_audio', 'Invalid audio', why);

function parseJson(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidJson();
  }
  return requireJsonObject(value);
}

const isSpace = (byte: number) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;

/** Where the `full_audio` string's characters start and end, or null when it cannot be sliced out. */
function locateAudio(raw: Buffer): { start: number; end: number } | null {
  const key = raw.indexOf(AUDIO_KEY);
  if (key < 0) return null;
  let i = key + AUDIO_KEY.length;
  while (i < raw.length && isSpace(raw[i])) i++;
  if (raw[i++] !== 0x3a /* : */) return null;
  while (i < raw.length && isSpace(raw[i])) i++;
  if (raw[i] !== QUOTE) return null;
  const start = i + 1;
  const end = raw.indexOf(QUOTE, start);
  if (end < 0) return null;
  const escape = raw.indexOf(BACKSLASH, start);
  if (escape >= 0 && escape < end) return null;
  return { start, end };
}

export function decodeBase64Slice(raw: Buffer, start: number, end: number): Buffer {
  const out = Buffer.allocUnsafe(Math.ceil(((end - start) * 3) / 4));
  let written = 0;
  for (let i = start; i < end; i += SLICE) {
    const stop = Math.min(i + SLICE, end);
    const piece = raw.toString('latin1', i, stop);
    if (!(stop === end ? BASE64_TAIL : BASE64_BODY).test(piece))
      throw invalidAudio('full_audio is not valid base64');
    written += out.write(piece, written, 'base64');
  }
  return out.subarray(0, written);
}

function decodeJson(raw: Buffer): DecodedPostCall {
  const at = locateAudio(raw);
  if (at) {
    const rest = parseJson(
      Buffer.concat([raw.subarray(0, at.start), raw.subarray(at.end)]).toString('utf8'),
    );
    const data = rest.data as Record<string, unknown> | undefined;
    // Only trust the slice if it really was data.full_audio (and not text inside another string).
    if (data && typeof data === 'object' && data.full_audio === '') {
      return { body: rest, audio: decodeBase64Slice(raw, at.start, at.end), format: 'json' };
    }
  }
  const body = parseJson(raw.toString('utf8'));
  const data = body.data as Record<string, unknown> | undefined;
  if (data && typeof data === 'object' && typeof data.full_audio === 'string') {
    const audio = Buffer.from(data.full_audio, 'latin1');
    data.full_audio = '';
    return { body, audio: decodeBase64Slice(audio, 0, audio.length), format: 'json' };
  }
  return { body, format: 'json' };
}

function decodeMultipart(raw: Buffer, contentType: string): Promise<DecodedPostCall> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    const files: Buffer[] = [];
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        limits: { files: 1, fields: 20, fieldSize: 64 * 1024 },
      });
    } catch {
      return reject(
        ApiException.badRequest(
          'invalid_multipart',
          'Invalid multipart body',
          'The multipart boundary is missing',
        ),
      );
    }
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (name === 'audio') files.push(Buffer.concat(chunks));
      });
    });
    parser.on('error', () =>
      reject(
        ApiException.badRequest(
          'invalid_multipart',
          'Invalid multipart body',
          'The multipart body could not be parsed',
        ),
      ),
    );
    parser.on('close', () => {
      const { type, ...data } = fields;
      resolve({
        body: { type: type ?? 'post_call_audio', data },
        audio: files[0],
        format: 'multipart',
      });
    });
    parser.end(raw);
  });
}

export async function decodePostCallBody(
  raw: Buffer | undefined,
  contentType: string | undefined,
): Promise<DecodedPostCall> {
  if (!raw || raw.length === 0)
    throw ApiException.badRequest(
      'invalid_body',
      'Invalid request body',
      'The request body is empty',
    );
  if (contentType && /^multipart\/form-data/i.test(contentType))
    return decodeMultipart(raw, contentType);
  return decodeJson(raw);
}

/** MP3: an ID3v2 tag or an MPEG audio frame sync at the start. */
export function looksLikeMp3(audio: Buffer): boolean {
  if (audio.length >= 3 && audio.toString('latin1', 0, 3) === 'ID3') return true;
  return audio.length >= 2 && audio[0] === 0xff && (audio[1] & 0xe0) === 0xe0;
}
