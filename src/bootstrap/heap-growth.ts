// V8 lets the old generation grow to several times its live size when the program allocates
// fast, as a webhook burst does, and gives nothing back while the process stays busy: under the
// benchmark's load the heap reached ~200 MB around ~50 MB of live objects, the embedded database's
// process 350–390 MB of RSS. Letting the heap grow by half its live size at each collection
// kept peak RSS at 266–276 MB with no throughput difference beyond this machine's noise
// (issue 12). No hard limit (--max-old-space-size): a cap would turn a large backlog into an
// out-of-memory crash; this only makes collections come sooner.
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;

/**
 * Sets V8's heap growth, unless the operator chose one on node's command line
 * (`node --heap-growing-percent=N dist/main.js`; node refuses the flag in NODE_OPTIONS).
 */
export function limitHeapGrowth(execArgv: readonly string[]): boolean {
  const chosen = execArgv.some((arg) => /^--?heap[-_]growing[-_]percent\b/.test(arg));
  if (!chosen) setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return !chosen;
}
