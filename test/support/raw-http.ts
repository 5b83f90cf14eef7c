// A bare HTTP client for fuzzing: arbitrary bytes, repeated headers, any content type.
import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export function rawRequest(
  base: string,
  method: string,
  path: string,
  headers: [string, string][],
  body?: Buffer,
): Promise<RawResponse> {
  const url = new URL(path, base);
  // Repeated names become repeated header lines.
  const merged: Record<string, string | string[]> = {};
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    const prior = merged[key];
    merged[key] =
      prior === undefined ? value : [...(Array.isArray(prior) ? prior : [prior]), value];
  }
  if (body) merged['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: url.pathname + url.search,
        headers: merged,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
