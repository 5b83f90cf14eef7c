// What a request line may say about the URL. Paths carry personal data (a WhatsApp thread id is a
// phone number, a conversation id is a person's call) and capabilities (`/talk/{token}`), query
// strings carry filters (`subject=`), OIDC codes and tokens. So a line names the route pattern
// Express matched (`/booking/threads/:threadId`), and of the query only keys known to hold no
// personal value; an unmatched path keeps only its segments that cannot name anyone.
import type { Request } from 'express';

/** Query keys whose values are filters and paging, never a person, a token or free text. */
const LOGGED_QUERY_KEYS = new Set([
  'source',
  'sources',
  'status',
  'type',
  'from',
  'to',
  'cursor',
  'limit',
  'page',
  'hours',
  'table',
  'campaign_id',
  'include_payload',
  'lang',
]);

/**
 * A path segment shaped like a word of the API (`webhooks`, `post-call`, `v1`), not a value. Ids,
 * phone numbers, tokens, anything with capitals, `@`, `%`, `+`, `.` or `_` is masked.
 */
const WORD_SEGMENT = /^[a-z][a-z0-9-]{0,29}$/;

/** An unmatched path (a 404, or a request refused before routing) with its value segments masked. */
export function maskPath(path: string): string {
  return path
    .split('/')
    .map((segment) => (segment === '' || WORD_SEGMENT.test(segment) ? segment : ':value'))
    .join('/');
}

/** The allow-listed part of a raw query string, `?` included, or ''. */
export function loggableQuery(query: string): string {
  if (query === '') return '';
  const kept: string[] = [];
  let dropped = 0;
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = equals < 0 ? pair : pair.slice(0, equals);
    if (LOGGED_QUERY_KEYS.has(name)) kept.push(pair);
    else dropped++;
  }
  if (dropped > 0) kept.push(`[${dropped} more]`);
  return kept.length > 0 ? `?${kept.join('&')}` : '';
}

/** Route pattern (or masked path) plus allow-listed query: safe to log. */
export function loggableUrl(
  req: Pick<Request, 'originalUrl' | 'url' | 'baseUrl' | 'route'>,
): string {
  const url = req.originalUrl ?? req.url ?? '';
  const queryAt = url.indexOf('?');
  const route = (req.route as { path?: unknown } | undefined)?.path;
  const path =
    typeof route === 'string'
      ? `${req.baseUrl ?? ''}${route}`
      : maskPath(queryAt < 0 ? url : url.slice(0, queryAt));
  return queryAt < 0 ? path : path + loggableQuery(url.slice(queryAt + 1));
}
