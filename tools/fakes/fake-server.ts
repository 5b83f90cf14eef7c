// A real HTTP server on 127.0.0.1 standing in for an upstream. It records every request and
// answers from a script: per-route handlers plus one-shot or standing faults (status, delay,
// connection reset), so tests drive success and failure through real HTTP.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
  json: unknown;
  at: number;
}

export interface FakeReply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Destroys the socket without an answer. */
  reset?: boolean;
}

export type FakeHandler = (req: RecordedRequest) => FakeReply | Promise<FakeReply>;

interface Route {
  method: string;
  pattern: RegExp;
  handler: FakeHandler;
}

export class FakeServer {
  readonly requests: RecordedRequest[] = [];
  private readonly routes: Route[] = [];
  private readonly faults: { pattern: RegExp; reply: FakeReply; times: number }[] = [];
  private server?: Server;
  url = '';
  /** Added to every answer, to make the upstream slow without changing what it says. */
  latencyMs = 0;

  constructor(readonly name: string) {}

  on(method: string, path: string | RegExp, handler: FakeHandler): this {
    const pattern =
      typeof path === 'string' ? new RegExp(`^${path.replace(/:[a-z_]+/gi, '[^/]+')}$`) : path;
    this.routes.unshift({ method, pattern, handler });
    return this;
  }

  /** The next `times` requests matching `path` get `reply` instead of the route's answer. */
  fail(path: string | RegExp, reply: FakeReply, times = Infinity): this {
    const pattern = typeof path === 'string' ? new RegExp(`^${path}`) : path;
    this.faults.push({ pattern, reply, times });
    return this;
  }

  heal(): this {
    this.faults.length = 0;
    return this;
  }

  received(method: string, path: string | RegExp): RecordedRequest[] {
    return this.requests.filter(
      (r) =>
        r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)),
    );
  }

  reset(): void {
    this.requests.length = 0;
    this.faults.length = 0;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://fake');
    let json: unknown;
    try {
      json = body.length ? JSON.parse(body.toString('utf8')) : undefined;
    } catch {
      json = undefined;
    }
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      json,
      at: Date.now(),
    };
    this.requests.push(recorded);

    const fault = this.faults.find((f) => f.times > 0 && f.pattern.test(url.pathname));
    let reply: FakeReply;
    if (fault) {
      fault.times -= 1;
      reply = fault.reply;
    } else {
      const route = this.routes.find(
        (r) => r.method === recorded.method && r.pattern.test(url.pathname),
      );
      reply = route
        ? await route.handler(recorded)
        : {
            status: 404,
            body: { error: `${this.name}: no route ${recorded.method} ${url.pathname}` },
          };
    }
    const delay = (reply.delayMs ?? 0) + this.latencyMs;
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    if (reply.reset) {
      req.socket.destroy();
      return;
    }
    if (res.destroyed) return;
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    res.end(
      reply.body === undefined
        ? ''
        : typeof reply.body === 'string'
          ? reply.body
          : JSON.stringify(reply.body),
    );
  }
}
