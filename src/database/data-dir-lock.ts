// One server process per embedded data directory: PGlite has no lock of its own, and two
// processes writing one directory corrupt it. The holder listens on a Unix socket beside the
// directory; a second process finds the socket answering, learns the holder's pid from it and
// refuses to start. A socket left by a dead process (kill -9, pod replaced) refuses connections
// and is taken over, so a crash never blocks the next start.
import { createConnection, createServer, type Server } from 'node:net';
import { hostname } from 'node:os';
import { unlinkSync } from 'node:fs';

export class DataDirInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: string,
  ) {
    super(
      `The embedded database in ${dir} is in use by another server (${holder}). ` +
        'One process per DATA_DIR: stop the other one, give this one its own DATA_DIR, or set DATABASE_URL (PostgreSQL) to run several.',
    );
    this.name = 'DataDirInUseError';
  }
}

/** Unix socket paths are limited to ~107 bytes. */
const MAX_SOCKET_PATH = 100;

function listen(path: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => {
      socket.end(`pid ${process.pid} on ${hostname()}`);
    });
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      server.unref();
      resolve(server);
    });
  });
}

/** The holder's answer, or undefined when nobody listens (a stale socket). */
function ask(path: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = createConnection(path);
    let answer = '';
    socket.setTimeout(2000, () => socket.destroy());
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('close', () => resolve(answer || undefined));
    socket.on('error', () => resolve(undefined));
  });
}

/**
 * Takes the lock of `dir` (the PGlite directory), or throws DataDirInUseError naming the
 * holder. Answers the release function, or undefined when the path is too long for a socket.
 */
export async function lockDataDir(dir: string): Promise<(() => Promise<void>) | undefined> {
  const path = `${dir}.lock`;
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH) return undefined;
  let server: Server;
  try {
    server = await listen(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    const holder = await ask(path);
    if (holder) throw new DataDirInUseError(dir, holder);
    // Left by a process that died: take it over.
    unlinkSync(path);
    server = await listen(path).catch(async (again: NodeJS.ErrnoException) => {
      if (again.code !== 'EADDRINUSE') throw again;
      throw new DataDirInUseError(dir, (await ask(path)) ?? 'a server starting right now');
    });
  }
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
