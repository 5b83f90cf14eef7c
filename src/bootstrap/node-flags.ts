// Flags for node itself, on its command line (`npm start`, the Docker image's CMD, the test and
// benchmark harness): V8 reads them when it starts, and node refuses them in NODE_OPTIONS.
// Measured on Node 26, the embedded database, 30 s after start (idle RSS): 282–291 MB without
// them, 255–259 MB with --liftoff-only, 205–206 MB with both.
//
// --liftoff-only: PGlite's WebAssembly stays on V8's baseline compiler. By default V8 recompiles
//   its hot functions with TurboFan in the background; that code and the compiler's scratch memory
//   (kept by glibc's per-thread arenas) stay in RSS for good. Ingest is bounded by the JavaScript
//   side, not by PGlite's code. Set at run time (v8.setFlagsFromString) it no longer takes effect
//   on Node 26. Nothing else in the app is WebAssembly.
// --max-semi-space-size=4 (MB): V8's young generation on Node 26 reserves up to 32 MB per
//   semi-space, about 50 MB of heap that an idle server never uses. Larger ones cut GC under load
//   (16 MB: ~20 % less CPU per post-call event) but keep the embedded database's idle RSS over
//   200 MB; docs/decisions.md has the figures.
export const NODE_FLAGS = ['--liftoff-only', '--max-semi-space-size=4'] as const;

/** The flags node was started without (for a start-up note). */
export function missingNodeFlags(execArgv: readonly string[]): string[] {
  return NODE_FLAGS.filter((flag) => !execArgv.includes(flag));
}
