// The console's two cookies. The session cookie is SameSite=Strict: no other site can make the
// browser send it. The sign-in cookie must come back on the identity provider's redirect to the
// callback (a cross-site navigation), so it is Lax, lives 10 minutes and is scoped to the callback.
import type { CookieOptions, Request, Response } from 'express';

export const SESSION_COOKIE = 'hoc_console_session';
export const SIGN_IN_COOKIE = 'hoc_console_sign_in';
export const SIGN_IN_TTL_MS = 10 * 60_000;
const SIGN_IN_PATH = '/console/auth/callback';

/** One cookie's value from the Cookie header; undefined when absent. */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim() || undefined;
  }
  return undefined;
}

/** Secure when the public URL is https, or this request came over https (behind a trusted proxy). */
const options = (req: Request, secureCookies: boolean): CookieOptions => ({
  httpOnly: true,
  secure: secureCookies || req.secure,
});

export function setSessionCookie(
  res: Response,
  req: Request,
  id: string,
  ttlMs: number,
  secure: boolean,
): void {
  res.cookie(SESSION_COOKIE, id, {
    ...options(req, secure),
    sameSite: 'strict',
    path: '/',
    maxAge: ttlMs,
  });
}

export function clearSessionCookie(res: Response, req: Request, secure: boolean): void {
  res.clearCookie(SESSION_COOKIE, { ...options(req, secure), sameSite: 'strict', path: '/' });
}

export function setSignInCookie(res: Response, req: Request, id: string, secure: boolean): void {
  res.cookie(SIGN_IN_COOKIE, id, {
    ...options(req, secure),
    sameSite: 'lax',
    path: SIGN_IN_PATH,
    maxAge: SIGN_IN_TTL_MS,
  });
}

export function clearSignInCookie(res: Response, req: Request, secure: boolean): void {
  res.clearCookie(SIGN_IN_COOKIE, { ...options(req, secure), sameSite: 'lax', path: SIGN_IN_PATH });
}
