// openid-client v6 is ESM-only while this project compiles to CommonJS. tsc (`npm start`, the
// image) turns this `import()` into `require()`, which loads ESM on the pinned Node 26. Jest's own
// `require` cannot, so jest.config.js compiles this one file with SWC's `ignoreDynamic`: the real
// `import()` stays and jest (run with --experimental-vm-modules) loads the package as ESM, in the
// test file's own environment (a Function-built `import()` was attributed to whichever test file
// had run first in the worker, and failed once that one was torn down).
import type * as OpenIdClient from 'openid-client';

export type OpenIdClientModule = typeof OpenIdClient;

/** `import(specifier)` of an ESM-only package (see above for how each compiler treats it). */
export function importEsm(specifier: string): Promise<unknown> {
  return import(specifier);
}

let loaded: Promise<OpenIdClientModule> | undefined;

export function loadOpenIdClient(): Promise<OpenIdClientModule> {
  loaded ??= importEsm('openid-client') as Promise<OpenIdClientModule>;
  return loaded;
}
