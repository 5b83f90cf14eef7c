// Signs a person in to the console through the loopback identity provider over plain HTTP, as a
// browser would: follow the redirects by hand, keep each origin's cookies, fill the provider's
// login form. Returns the app's cookies (the session) and where the callback sent the browser.
export class CookieJar {
  private readonly cookies = new Map<string, Map<string, string>>();

  take(url: string, response: Response): void {
    const origin = new URL(url).origin;
    const jar = this.cookies.get(origin) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    this.cookies.set(origin, jar);
  }

  header(url: string): string {
    const jar = this.cookies.get(new URL(url).origin);
    return jar ? [...jar].map(([name, value]) => `${name}=${value}`).join('; ') : '';
  }

  get(url: string, name: string): string | undefined {
    return this.cookies.get(new URL(url).origin)?.get(name);
  }
}

/** One request without following redirects; cookies in and out of the jar. */
export async function step(
  jar: CookieJar,
  url: string,
  init: { method?: string; form?: Record<string, string> } = {},
): Promise<Response> {
  const response = await fetch(url, {
    method: init.method ?? (init.form ? 'POST' : 'GET'),
    redirect: 'manual',
    headers: {
      cookie: jar.header(url),
      ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    body: init.form ? new URLSearchParams(init.form).toString() : undefined,
  });
  jar.take(url, response);
  return response;
}

const locationOf = (response: Response, base: string): string => {
  const location = response.headers.get('location');
  if (!location) throw new Error(`expected a redirect from ${base}, got ${response.status}`);
  return new URL(location, base).href;
};

/** Follows redirects until one leaves for `stopAt` (an origin) or a page answers 200. */
async function follow(jar: CookieJar, url: string, stopAt: string): Promise<string> {
  let current = url;
  for (let hops = 0; hops < 10; hops++) {
    if (current.startsWith(stopAt)) return current;
    const response = await step(jar, current);
    if (response.status === 200) return current;
    current = locationOf(response, current);
  }
  throw new Error('too many redirects');
}

/** The whole sign-in: returns the URL the app's callback redirected to (the console). */
export async function signInThroughProvider(
  jar: CookieJar,
  appUrl: string,
  login: string,
): Promise<string> {
  const start = await step(jar, `${appUrl}/console/auth/login`);
  const authorize = locationOf(start, appUrl);
  // Provider: authorize → its login form.
  const form = await follow(jar, authorize, appUrl);
  const submitted = await step(jar, form, { form: { prompt: 'login', login, password: 'any' } });
  // Provider: back to authorize, then to the app's callback with the code.
  const callback = await follow(jar, locationOf(submitted, form), appUrl);
  const finished = await step(jar, callback);
  return locationOf(finished, callback);
}
