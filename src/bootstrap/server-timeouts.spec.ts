import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { applyServerTimeouts, SERVER_TIMEOUTS } from './server-timeouts';

describe('applyServerTimeouts', () => {
  let server: Server;
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sets the deliberate defaults (keep-alive above the load balancers' 60 s)", () => {
    server = createServer();
    applyServerTimeouts(server);
    expect(server.headersTimeout).toBe(SERVER_TIMEOUTS.headersTimeoutMs);
    expect(server.requestTimeout).toBe(SERVER_TIMEOUTS.requestTimeoutMs);
    expect(server.keepAliveTimeout).toBeGreaterThan(60_000);
    expect(SERVER_TIMEOUTS.headersTimeoutMs).toBeLessThan(SERVER_TIMEOUTS.requestTimeoutMs);
  });

  it('answers 408 and closes the socket of a client that never finishes its headers', async () => {
    server = createServer((_req, res) => res.end('ok'));
    applyServerTimeouts(server, {
      headersTimeoutMs: 300,
      requestTimeoutMs: 1000,
      keepAliveTimeoutMs: 1000,
      checkIntervalMs: 100,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const socket = connect((server.address() as { port: number }).port, '127.0.0.1');
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n');
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    await new Promise((resolve) => socket.on('close', resolve));
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });
});
