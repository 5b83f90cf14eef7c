// Timeouts of the HTTP server itself, against slow or stalled clients (slowloris): each one
// holds a socket and its parser for as long as the server lets it.
import type { Server } from 'node:http';

export interface ServerTimeouts {
  /** All request headers must arrive within this; else 408 and the socket is closed. */
  headersTimeoutMs: number;
  /**
   * The whole request, body included. A 50 MB post-call audio body (AUDIO_BODY_LIMIT) needs
   * ~2.5 Mbit/s to arrive in time; ElevenLabs sends from a data centre.
   */
  requestTimeoutMs: number;
  /**
   * An idle kept-alive connection is closed after this. Longer than the idle timeout of the
   * load balancers in front (60 s on AWS ALB, nginx ingress, Render), so they close first
   * and never send a request on a socket we are closing (a sporadic 502).
   */
  keepAliveTimeoutMs: number;
  /** How often expired headers/request timers are checked (Node's default is 30 s). */
  checkIntervalMs: number;
}

export const SERVER_TIMEOUTS: ServerTimeouts = {
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 180_000,
  keepAliveTimeoutMs: 65_000,
  checkIntervalMs: 1_000,
};

/** Must run before `listen`: Node reads the check interval when the server starts listening. */
export function applyServerTimeouts(server: Server, timeouts = SERVER_TIMEOUTS): void {
  server.headersTimeout = timeouts.headersTimeoutMs;
  server.requestTimeout = timeouts.requestTimeoutMs;
  server.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval =
    timeouts.checkIntervalMs;
}
