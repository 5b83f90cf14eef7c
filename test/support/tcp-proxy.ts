// A loopback TCP proxy in front of PostgreSQL or Redis that a test can break on demand:
// - cut(): every connection reset and new ones refused (the server went away);
// - blackhole(): connections stay open but no byte passes either way, and new ones are accepted
//   and never answered (a network partition: the client learns nothing until its timeouts);
// - restore(): back to forwarding (connections held by the blackhole are dropped).
import { createServer, connect, type Server, type Socket } from 'node:net';

type Mode = 'forward' | 'refuse' | 'blackhole';

export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private readonly pairs = new Set<[Socket, Socket]>();
  private readonly held = new Set<Socket>();
  private mode: Mode = 'forward';
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<this> {
    this.server = createServer((client) => {
      client.on('error', () => undefined);
      if (this.mode === 'refuse') return void client.destroy();
      if (this.mode === 'blackhole') {
        this.held.add(client);
        client.on('close', () => this.held.delete(client));
        return;
      }
      const upstream = connect(this.targetPort, this.targetHost);
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      for (const socket of pair) {
        this.sockets.add(socket);
        socket.on('close', () => {
          this.sockets.delete(socket);
          this.pairs.delete(pair);
        });
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  /** Drops every open connection and refuses new ones. */
  cut(): void {
    this.mode = 'refuse';
    for (const socket of this.sockets) socket.destroy();
  }

  /** Silence: open connections stop carrying bytes, new ones are accepted and never served. */
  blackhole(): void {
    this.mode = 'blackhole';
    for (const [client, upstream] of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
      // Whatever arrives meanwhile is lost, as on a partitioned network.
      client.on('data', () => undefined);
      upstream.on('data', () => undefined);
    }
  }

  restore(): void {
    // Connections that lived through a blackhole lost bytes: they cannot carry a protocol on.
    if (this.mode === 'blackhole') for (const [client] of this.pairs) client.destroy();
    for (const socket of this.held) socket.destroy();
    this.mode = 'forward';
  }

  async stop(): Promise<void> {
    this.cut();
    for (const socket of this.held) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
