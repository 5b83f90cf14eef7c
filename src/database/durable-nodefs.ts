// PGlite's Node file system, made to honour fsync. PGlite runs PostgreSQL in WebAssembly on
// Emscripten's NODEFS, whose fsync is a no-op (its stream operations have none, and its
// fdatasync syscall returns success without touching the file). So an "acknowledged" commit
// lived only in the page cache: a power cut, or the kernel turning the disk read-only after an
// I/O error, lost the last ~30 s of writes and could leave data pages without their WAL. Staged
// in test/e2e/data-dir-read-only.e2e-spec.ts: a database 30 s old came back without a single
// table. Here every fsync PostgreSQL asks for reaches the disk; PGLITE_CONF sets
// wal_sync_method=fsync, because the fdatasync path cannot be hooked from outside.
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';
import { closeSync, fsyncSync, openSync } from 'node:fs';

/** The parts of Emscripten's NODEFS stream this needs (the module has no public types for it). */
interface NodeStream {
  nfd?: number;
  node: unknown;
}
interface EmscriptenNodeFs {
  stream_ops: { fsync?: (stream: NodeStream) => number };
  realPath(node: unknown): string;
  /** Runs a Node fs call, turning its error into the errno PostgreSQL sees. */
  tryFSOperation<T>(operation: () => T): T;
}

/** PGlite's start parameters without `-F`, which turns fsync off altogether. */
export const DURABLE_START_PARAMS = PGlite.defaultStartParams.filter((param) => param !== '-F');

type InitOptions = Parameters<NodeFS['init']>[1];

export class DurableNodeFS extends NodeFS {
  override async init(pg: Parameters<NodeFS['init']>[0], opts: InitOptions) {
    const preRun = (opts.preRun ?? []) as ((mod: unknown) => void)[];
    return super.init(pg, {
      ...opts,
      preRun: [
        ...preRun,
        (mod: unknown) => honourFsync((mod as { NODEFS: EmscriptenNodeFs }).NODEFS),
      ],
    });
  }
}

function honourFsync(nodefs: EmscriptenNodeFs): void {
  nodefs.stream_ops.fsync = (stream) =>
    nodefs.tryFSOperation(() => {
      if (stream.nfd !== undefined) {
        fsyncSync(stream.nfd);
        return 0;
      }
      // A directory (PostgreSQL syncs the directory of a file it created): open it to sync it.
      const fd = openSync(nodefs.realPath(stream.node), 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      return 0;
    });
}
