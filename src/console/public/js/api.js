// Calls the app's API as the operator: with a token (kept in sessionStorage for this tab, sent
// only in the Authorization header, never in a URL), or with the session of a sign-in through the
// identity provider (an HttpOnly cookie the page never sees, plus its CSRF token on every
// state-changing call). docs/console-sign-in.md.
const TOKEN_KEY = 'hoc.console.token';
const SAFE = ['GET', 'HEAD'];

/** The identity provider's session: { person, scopes, csrf_token } or null; the provider's name. */
let session = null;
let provider = null;

export const auth = {
  get token() {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  get session() {
    return session;
  },
  get provider() {
    return provider;
  },
  get signedIn() {
    return Boolean(this.token || session);
  },
  set(token) {
    sessionStorage.setItem(TOKEN_KEY, token);
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY);
    session = null;
  },
  /** Whether the operator may use a scope: a session knows its scopes; a token is checked by the API. */
  can(scope) {
    if (this.token || !session) return true;
    return session.scopes.includes('*') || session.scopes.includes(scope);
  },
  /** Asks the server whether an identity provider is configured and who is signed in. */
  async load() {
    const response = await fetch('/console/auth/session', {
      credentials: 'same-origin',
      cache: 'no-store',
    });
    const body = response.ok ? await response.json() : { provider: null, session: null };
    provider = body.provider;
    session = body.session;
  },
  /** Ends the session server-side (or forgets the token). */
  async signOut() {
    if (session)
      await fetch('/console/auth/logout', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'X-CSRF-Token': session.csrf_token },
      });
    this.clear();
  },
};

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

async function send(path, { method = 'GET', body, token = auth.token } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const viaSession = !token && session;
  if (viaSession && !SAFE.includes(method)) headers['X-CSRF-Token'] = session.csrf_token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: viaSession ? 'same-origin' : 'omit',
    cache: 'no-store',
  });
  if (response.status === 401 && (token === auth.token || viaSession)) {
    auth.clear();
    window.dispatchEvent(new Event('console:signed-out'));
  }
  return response;
}

export async function api(path, options) {
  const response = await send(path, options);
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

/** A protected binary (a recording) as an object URL an <audio> element can play. */
export async function blobUrl(path) {
  const response = await send(path);
  if (!response.ok) throw new ApiError(response.status, null);
  return URL.createObjectURL(await response.blob());
}

export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Tries a token before keeping it. */
export async function checkToken(token) {
  const response = await send('/api/v1/webhooks/events?limit=1', { token });
  return response.ok;
}
