// fetch with a timeout and UpstreamError mapping, for the upstreams without an official SDK
// (HOC, Supabase REST, GoHighLevel, the booking workflow).
import { UpstreamError } from './upstream-error';

export interface JsonRequest {
  upstream: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  timeoutMs: number;
}

export interface JsonResponse<T> {
  status: number;
  body: T;
}

/** Keeps upstream error bodies short in logs and responses. */
function clip(text: string): unknown {
  const short = text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
  try {
    return JSON.parse(short) as unknown;
  } catch {
    return short;
  }
}

/**
 * Resolves for 2xx and for the statuses in `accept` (e.g. 404 when "not found" is an answer);
 * throws UpstreamError for anything else, a timeout or a network failure.
 */
export async function requestJson<T>(
  req: JsonRequest,
  accept: readonly number[] = [],
): Promise<JsonResponse<T>> {
  let response: Response;
  try {
    response = await fetch(req.url, {
      method: req.method ?? 'GET',
      headers: {
        accept: 'application/json',
        ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...req.headers,
      },
      body: req.body !== undefined ? JSON.stringify(req.body) : undefined,
      signal: AbortSignal.timeout(req.timeoutMs),
    });
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw UpstreamError.timeout(req.upstream, req.timeoutMs);
    }
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new UpstreamError(
      req.upstream,
      'network',
      `${req.upstream} unreachable${cause ? ` (${cause})` : ''}`,
    );
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw UpstreamError.timeout(req.upstream, req.timeoutMs, 'did not finish its answer');
    }
    throw new UpstreamError(
      req.upstream,
      'network',
      `${req.upstream} closed the connection mid-answer`,
      response.status,
    );
  }
  if (!response.ok && !accept.includes(response.status)) {
    throw new UpstreamError(
      req.upstream,
      'http',
      `${req.upstream} answered ${response.status}`,
      response.status,
      clip(text),
    );
  }
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      if (response.ok)
        throw new UpstreamError(
          req.upstream,
          'http',
          `${req.upstream} answered with invalid JSON`,
          response.status,
          clip(text),
        );
      body = text;
    }
  }
  return { status: response.status, body: body as T };
}
