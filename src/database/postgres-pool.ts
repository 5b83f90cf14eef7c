// The `pg` pool with the failure handling a server database needs: every connection has an
// error listener (an unhandled 'error' of one client used to end the process), connects and
// statements are bounded in time, and while PostgreSQL is unreachable the pool refuses at once
// (503 + Retry-After upstream) instead of queueing requests behind a dead connection.
import { Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { Client, Pool, type PoolClient, type PoolConfig, type QueryConfig } from 'pg';

/** A new connection must be up within this. */
export const CONNECT_TIMEOUT_MS = 3000;
/** Server-side bound of one statement; the client-side bound below catches a silent network. */
export const STATEMENT_TIMEOUT_MS = 20_000;
export const QUERY_TIMEOUT_MS = 25_000;
/** How often the availability probe runs, and how long its `SELECT 1` may take. */
export const PROBE_INTERVAL_MS = 1000;
export const PROBE_TIMEOUT_MS = 2000;

/** Thrown instead of connecting while the probe says PostgreSQL is unreachable. */
export class DatabaseUnavailableError extends Error {
  /** cannot_connect_now: the error mapping answers 503 + Retry-After. */
  readonly code = '57P03';
  constructor() {
    super('The database is unavailable');
  }
}

type ConnectCallback = (error: Error | undefined, client?: PoolClient, done?: () => void) => void;

/**
 * A pg Pool that knows whether PostgreSQL answers. A dedicated probe connection runs
 * `SELECT 1` every PROBE_INTERVAL_MS; a failure or PROBE_TIMEOUT_MS of silence marks the
 * database down, destroys every pooled connection (so statements hung on a silent network fail
 * now, not after the kernel gives up) and makes `connect`/`query` refuse until a probe succeeds.
 * Emits 'down' and 'up' on the transitions.
 */
export class GuardedPool extends Pool {
  readonly availability = new EventEmitter();
  private readonly logger = new Logger('Database');
  private readonly clients = new Set<PoolClient>();
  private probe?: Client;
  private timer?: NodeJS.Timeout;
  private probing = false;
  private up = true;
  private closed = false;

  constructor(
    private readonly url: string,
    max = 10,
  ) {
    super({
      connectionString: url,
      max,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      statement_timeout: STATEMENT_TIMEOUT_MS,
      query_timeout: QUERY_TIMEOUT_MS,
    } satisfies PoolConfig);
    // An idle client losing its server is removed by the pool; say so, never crash.
    this.on('error', (error) => this.logger.warn(`PostgreSQL pool: ${error.message}`));
    this.on('connect', (client) => {
      this.clients.add(client);
      // A checked-out client has no pool listener: without this one its 'error' would be
      // unhandled and end the process. The holder's next query reports the failure.
      client.on('error', (error) => this.logger.warn(`PostgreSQL connection: ${error.message}`));
    });
    this.on('remove', (client) => this.clients.delete(client));
  }

  get available(): boolean {
    return this.up;
  }

  /** Starts the availability probe (after start-up work, which must reach the database). */
  watch(): void {
    this.timer = setInterval(() => void this.runProbe(), PROBE_INTERVAL_MS);
    this.timer.unref();
  }

  /** Statements waiting on a silent network fail now; the pool removes the broken clients. */
  dropConnections(): void {
    for (const client of this.clients) (client as unknown as Client).connection.stream.destroy();
  }

  override connect(): Promise<PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<PoolClient> | void {
    if (!this.up && !this.closed) {
      const error = new DatabaseUnavailableError();
      if (callback) return void process.nextTick(() => callback(error));
      return Promise.reject(error);
    }
    return callback ? super.connect(callback) : super.connect();
  }

  override async end(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.probe?.end().catch(() => undefined);
    await super.end();
  }

  private async runProbe(): Promise<void> {
    if (this.probing || this.closed) return;
    this.probing = true;
    try {
      this.probe ??= await this.openProbe();
      const probe: QueryConfig & { query_timeout: number } = {
        text: 'SELECT 1',
        query_timeout: PROBE_TIMEOUT_MS,
      };
      await this.probe.query(probe);
      if (!this.up) this.markUp();
    } catch (error) {
      this.probe?.connection.stream.destroy();
      this.probe = undefined;
      if (this.up && !this.closed) this.markDown(error as Error);
    } finally {
      this.probing = false;
    }
  }

  private async openProbe(): Promise<Client> {
    const client = new Client({
      connectionString: this.url,
      connectionTimeoutMillis: PROBE_TIMEOUT_MS,
      keepAlive: true,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (error) {
      client.connection.stream.destroy();
      throw error;
    }
    return client;
  }

  private markDown(error: Error): void {
    this.up = false;
    this.logger.error(
      `PostgreSQL unreachable (${error.message}): answering 503, jobs paused, ${this.clients.size} connections dropped`,
    );
    this.dropConnections();
    this.availability.emit('down');
  }

  private markUp(): void {
    this.up = true;
    this.logger.log('PostgreSQL reachable again: serving and resuming jobs');
    this.availability.emit('up');
  }
}
