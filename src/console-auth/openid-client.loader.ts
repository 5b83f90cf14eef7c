// openid-client v6 is ESM-only while this project compiles to CommonJS (tsc for `npm start`, SWC
// for jest); both would turn a plain `import()` into `require()`, which cannot load ESM. A
// Function built at run time keeps the real `import()`: Node loads the ESM package in `npm start`,
// and jest (run with --experimental-vm-modules) resolves it through its own ESM loader.
import type * as OpenIdClient from 'openid-client';

export type OpenIdClientModule = typeof OpenIdClient;

/** `import(specifier)` as Node runs it, untouched by the CommonJS compilers. */
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- a constant body, no input evaluated
export const importEsm = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<unknown>;

let loaded: Promise<OpenIdClientModule> | undefined;

export function loadOpenIdClient(): Promise<OpenIdClientModule> {
  loaded ??= importEsm('openid-client') as Promise<OpenIdClientModule>;
  return loaded;
}
