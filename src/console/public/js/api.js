// Calls the app's API as the operator: with a token (kept in sessionStorage for this tab, sent
// only in the Authorization header, never in a URL), or with the session of a sign-in through the
// identity provider (an HttpOnly cookie the page never sees, plus its CSRF token on every
// state-changing call). docs/console-sign-in.md.
const TOKEN_KEY = 'hoc.console.token';
// Why the API ended the last sign-in (its 401 message, never the token), kept for this tab until
// the next sign-in or sign-out, so a reload of the sign-in form still says why.
const REASON_KEY = 'hoc.console.signed-out-reason';
const SAFE = ['GET', 'HEAD'];

/** The identity provider's session: { person, scopes, csrf_token } or null; the provider's name. */
/** @type {import('../../public-types/console-api').ConsoleSession | null} */
let session = null;
/** @type {{ display_name: string } | null} */
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
  /** Why the API ended the last sign-in in this tab ('' when it gave no reason), else null. */
  get signedOutReason() {
    return sessionStorage.getItem(REASON_KEY);
  },
  /** @param {string} token */
  set(token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.removeItem(REASON_KEY);
    me = null;
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY);
    session = null;
    me = null;
  },
  /**
   * Signed out by the API (a 401): forgets the token or session and keeps the reason.
   * @param {string | null} reason the API's message
   */
  refused(reason) {
    this.clear();
    sessionStorage.setItem(REASON_KEY, reason ?? '');
  },
  /** Asks the server whether an identity provider is configured and who is signed in. */
  async load() {
    const response = await fetch('/console/auth/session', {
      credentials: 'same-origin',
      cache: 'no-store',
    });
    /** @type {{ provider: { display_name: string } | null, session: import('../../public-types/console-api').ConsoleSession | null }} */
    const body = response.ok
      ? /** @type {typeof body} */ (await response.json())
      : { provider: null, session: null };
    provider = body.provider;
    session = body.session;
    if (session) sessionStorage.removeItem(REASON_KEY);
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
    sessionStorage.removeItem(REASON_KEY);
  },
};

/** @typedef {import('../../public-types/console-api').ApiErrorBody} ApiErrorBody */

export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {ApiErrorBody | null} body
   */
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

/**
 * @typedef {object} SendOptions
 * @property {string} [method]
 * @property {unknown} [body] sent as JSON
 * @property {string | null} [token] defaults to the signed-in operator's
 */

/**
 * @param {string} path
 * @param {SendOptions} [options]
 */
async function send(path, { method = 'GET', body, token = auth.token } = {}) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const viaSession = !token && session !== null;
  if (session && viaSession && !SAFE.includes(method)) headers['X-CSRF-Token'] = session.csrf_token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: viaSession ? 'same-origin' : 'omit',
    cache: 'no-store',
  });
  if (response.status === 401 && (token === auth.token || viaSession)) {
    // Any 401 ends the sign-in: the shell shows the sign-in form with the server's reason.
    /** @type {string | null} */
    const reason = await response
      .clone()
      .json()
      .then((/** @type {ApiErrorBody | null} */ b) => b?.message ?? null)
      .catch(() => null);
    auth.refused(reason);
    window.dispatchEvent(new CustomEvent('console:signed-out'));
  }
  return response;
}

/**
 * The JSON answer of a successful request; the caller casts it to the shape it expects
 * (public-types/console-api.d.ts).
 * @param {string} path
 * @param {SendOptions} [options]
 * @returns {Promise<unknown>}
 */
export async function api(path, options) {
  const response = await send(path, options);
  /** @type {unknown} */
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, /** @type {ApiErrorBody | null} */ (body));
  return body;
}

/**
 * A protected binary (a recording) as an object URL an <audio> element can play.
 * @param {string} path
 */
export async function blobUrl(path) {
  const response = await send(path);
  if (!response.ok) throw new ApiError(response.status, null);
  return URL.createObjectURL(await response.blob());
}

/** @param {Record<string, string | number | boolean | null | undefined>} params */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * Tries a token before keeping it (who-am-I needs no particular scope).
 * @param {string} token
 */
export async function checkToken(token) {
  const response = await send('/api/v1/me', { token });
  return response.ok;
}

/**
 * The signed-in client or person and its scopes (GET /api/v1/me), asked once per sign-in
 * (auth.set and auth.clear forget it).
 */
/** @type {Promise<import('../../public-types/console-api').Me> | null} */
let me = null;
/** @returns {Promise<import('../../public-types/console-api').Me>} */
export async function whoAmI() {
  me ??= api('/api/v1/me').then(
    (body) =>
      /** @type {import('../../public-types/console-api').ApiItem<import('../../public-types/console-api').Me>} */ (
        body
      ).data,
  );
  return me.catch((/** @type {unknown} */ error) => {
    me = null;
    throw error;
  });
}

/**
 * True when the signed-in principal holds `scope` (or every scope).
 * @param {string} scope
 */
export async function may(scope) {
  return (await lacking([scope])).length === 0;
}

/**
 * Those of `scopes` the signed-in principal does not hold.
 * @param {readonly string[]} scopes
 */
export async function lacking(scopes) {
  const { scopes: held } = await whoAmI();
  return held.includes('*') ? [] : scopes.filter((scope) => !held.includes(scope));
}
