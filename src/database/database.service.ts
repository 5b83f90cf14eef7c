// One database handle for the app: embedded PGlite in DATA_DIR, or PostgreSQL through `pg` when
// DATABASE_URL is set. Everything above this file uses the same drizzle API and SQL dialect.
import { PGlite } from '@electric-sql/pglite';
import { Logger } from '@nestjs/common';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Pool } from 'pg';
import { lockDataDir } from './data-dir-lock';
import { assertDataDirWritable } from './data-dir-check';
import { DURABLE_START_PARAMS, DurableNodeFS } from './durable-nodefs';
import { endProcessOnPanic } from './embedded-panic';
import { watchEmbeddedDatabase } from './stall-watchdog';
import { ensurePgliteDataDir, PGLITE_CONF } from './pglite-init';
import { GuardedPool } from './postgres-pool';
import * as schema from './schema';
import { textToSql, type SqlExecutor, type SqlRows } from './sql-executor';

export type AppDatabase = PgDatabase<PgQueryResultHKT, typeof schema>;
export type AppTransaction = Parameters<Parameters<AppDatabase['transaction']>[0]>[0];
export type Queryable = AppDatabase | AppTransaction;

export interface DatabaseOptions {
  url?: string;
  pgliteDir: string;
}

const MIGRATIONS_FOLDER = join(__dirname, 'migrations');
/** Serialises the schema work of replicas that start together. */
const STARTUP_LOCK_KEY = 7_311_042;

export class DatabaseService {
  private static readonly logger = new Logger('Database');

  private constructor(
    readonly db: AppDatabase,
    readonly driver: 'pglite' | 'postgres',
    /** pg-boss's port onto the same database. */
    readonly executor: SqlExecutor,
    private readonly closeDriver: () => Promise<void>,
    /** Serialises start-up schema work (migrations, pg-boss install) of replicas starting together. */
    readonly withStartupLock: (work: () => Promise<void>) => Promise<void> = (work) => work(),
    /**
     * Runs `work` while holding the named lock across replicas, or returns BUSY when another
     * replica holds it. The embedded database has one process, so there is nobody to exclude.
     */
    readonly tryExclusive: <T>(name: string, work: () => Promise<T>) => Promise<T | typeof BUSY> = (
      _name,
      work,
    ) => work(),
    /** 'down' and 'up' when PostgreSQL stops or starts answering (never for the embedded one). */
    readonly availability: EventEmitter = new EventEmitter(),
  ) {}

  static async open(options: DatabaseOptions): Promise<DatabaseService> {
    return options.url
      ? DatabaseService.openPostgres(options.url)
      : DatabaseService.openPglite(options.pgliteDir);
  }

  private static async openPglite(dir: string): Promise<DatabaseService> {
    mkdirSync(dirname(dir), { recursive: true });
    assertDataDirWritable(dirname(dir));
    // Before anything touches the files: a second server on this directory stops here.
    const unlock = await lockDataDir(dir);
    await ensurePgliteDataDir(dir);
    if (!unlock)
      DatabaseService.logger.warn(`DATA_DIR path too long for its lock socket: ${dir} not locked`);
    let client: PGlite;
    try {
      client = await PGlite.create({
        fs: new DurableNodeFS(dir),
        postgresqlconf: PGLITE_CONF,
        startParams: DURABLE_START_PARAMS,
      });
    } catch (error) {
      await unlock?.();
      throw error;
    }
    endProcessOnPanic(client, dir);
    const db = drizzlePglite({ client, schema }) as unknown as AppDatabase;
    await migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    const executor: SqlExecutor = {
      // PGlite's extended protocol takes one statement; pg-boss sends parameterless multi-statement scripts.
      async executeSql(text, values) {
        if (values && values.length > 0) return await client.query(text, values);
        try {
          const results = await client.exec(text);
          return results[results.length - 1] ?? { rows: [] };
        } catch (error) {
          await endAbortedScript((sql) => client.exec(sql));
          throw error;
        }
      },
    };
    DatabaseService.logger.log(`Embedded PGlite database at ${dir}`);
    const watchdog = watchEmbeddedDatabase(dir);
    return new DatabaseService(db, 'pglite', executor, async () => {
      await watchdog.stop();
      await client.close();
      await unlock?.();
    });
  }

  private static async openPostgres(url: string): Promise<DatabaseService> {
    const pool = new GuardedPool(url);
    const lock = (work: () => Promise<void>) => withAdvisoryLock(pool, work);
    await lock(async () => {
      await migratePg(drizzlePg({ client: pool, schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    });
    const db = drizzlePg({ client: pool, schema }) as unknown as AppDatabase;
    const executor: SqlExecutor = {
      // A script that fails midway (pg-boss's `BEGIN; …; COMMIT;`) cannot leave its connection
      // inside the aborted transaction: pool.query releases a connection whose query failed by
      // closing it (test/integration/aborted-script.int-spec.ts).
      async executeSql(text, values, name) {
        return await pool.query(name ? { name, text, values } : { text, values });
      },
    };
    DatabaseService.logger.log('PostgreSQL database (DATABASE_URL)');
    // Exclusive sections hold their lock's connection for as long as their work runs (a booking
    // thread: the workflow's answer, seconds). On the shared pool, ten such sections left no
    // connection for the ingest, and every webhook answered 503 until they ended.
    const lockPool = new GuardedPool(url, LOCK_CONNECTIONS);
    pool.availability.on('down', () => lockPool.dropConnections());
    const exclusive = <T>(name: string, work: () => Promise<T>) =>
      tryAdvisoryLock(lockPool, name, work);
    pool.watch();
    return new DatabaseService(
      db,
      'postgres',
      executor,
      async () => {
        await Promise.all([pool.end(), lockPool.end()]);
      },
      lock,
      exclusive,
      pool.availability,
    );
  }

  /** Runs `work` in one transaction; `executor` lets pg-boss enqueue inside the same transaction. */
  async transaction<T>(
    work: (tx: AppTransaction, executor: SqlExecutor) => Promise<T>,
  ): Promise<T> {
    return this.db.transaction(async (tx) => work(tx, DatabaseService.transactionExecutor(tx)));
  }

  static transactionExecutor(tx: Queryable): SqlExecutor {
    return {
      async executeSql(text, values) {
        const result: unknown = await tx.execute(textToSql(text, values));
        return result as SqlRows;
      },
    };
  }

  async ping(): Promise<void> {
    await this.executor.executeSql('SELECT 1 AS ok');
  }

  async close(): Promise<void> {
    await this.closeDriver();
  }
}

/** Connections for held advisory locks, apart from the pool the statements use. */
const LOCK_CONNECTIONS = 10;

/** Answer of tryExclusive when another replica holds the lock. */
export const BUSY = Symbol('busy');

async function tryAdvisoryLock<T>(
  pool: Pool,
  name: string,
  work: () => Promise<T>,
): Promise<T | typeof BUSY> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
      [name],
    );
    if (!rows[0]?.locked) return BUSY;
    try {
      return await work();
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [name]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}

/** Holds a session-level advisory lock on a dedicated connection while `work` runs on others. */
async function withAdvisoryLock(pool: Pool, work: () => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
    await work();
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}

/**
 * After a failed parameterless script: a script that opened a transaction (pg-boss's `BEGIN; …;
 * COMMIT;`) and failed midway leaves its session inside the aborted transaction, and every later
 * statement on it fails ("current transaction is aborted"). On PGlite that is the one session:
 * the whole app stayed down, not even restarted (liveness still answered), after a disk error
 * had been repaired. ROLLBACK ends it; without a transaction open it is a no-op warning.
 */
async function endAbortedScript(run: (sql: string) => Promise<unknown>): Promise<void> {
  try {
    await run('ROLLBACK');
  } catch (rollbackError) {
    new Logger('Database').warn(
      `could not roll back a failed script: ${(rollbackError as Error).message}`,
    );
  }
}
