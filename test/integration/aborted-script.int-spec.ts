// A parameterless script that opens its own transaction (pg-boss's `BEGIN; …; COMMIT;`) and fails
// midway must not go back to the pool inside the aborted transaction: the pool would lend that
// connection again and every statement on it would fail ("current transaction is aborted"). What
// keeps it out: pool.query closes a connection whose query failed. The embedded database's one
// session needs a ROLLBACK instead (test/medium/aborted-script.medium-spec.ts).
import { DatabaseService } from '../../src/database/database.service';
import { createTempDatabase, type TempDatabase } from '../support/postgres';
import { scratchDir } from '../support/scratch';

describe('a failed multi-statement script on PostgreSQL (integration)', () => {
  let db: TempDatabase;
  let database: DatabaseService;

  beforeAll(async () => {
    db = await createTempDatabase();
    database = await DatabaseService.open({ url: db.url, pgliteDir: scratchDir('hoc-unused-') });
  });
  afterAll(async () => {
    await database?.close();
    await db?.drop();
  });

  it('fails alone: its own writes are rolled back and the next statements run', async () => {
    const { executor } = database;
    await expect(
      executor.executeSql('BEGIN; CREATE TABLE script_probe (id int); SELECT 1 / 0; COMMIT;'),
    ).rejects.toThrow('division by zero');

    // The pool lends its most recently released connection first: the script's.
    for (let i = 0; i < 3; i += 1) {
      const { rows } = await executor.executeSql('SELECT 1 AS ok');
      expect(rows).toEqual([{ ok: 1 }]);
    }
    const { rows: tables } = await executor.executeSql(
      `SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'script_probe'`,
    );
    expect(tables).toEqual([{ n: 0 }]);
  });
});
