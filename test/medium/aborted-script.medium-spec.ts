// A parameterless script that opens its own transaction (pg-boss's `BEGIN; …; COMMIT;`) and fails
// midway must not leave the embedded database's one session inside the aborted transaction: that
// failed every later statement ("current transaction is aborted") until the process restarted,
// while liveness still answered. Seen when DATA_DIR turned read-only during pg-boss's maintenance.
import { newMedium, type Medium } from './medium';

describe('a failed multi-statement script on the embedded database (medium)', () => {
  let m: Medium;

  beforeAll(async () => {
    m = await newMedium();
  });
  afterAll(() => m?.close());

  it('fails alone: its own writes are rolled back and the next statements run', async () => {
    const { executor } = m.database;
    await expect(
      executor.executeSql('BEGIN; CREATE TABLE script_probe (id int); SELECT 1 / 0; COMMIT;'),
    ).rejects.toThrow('division by zero');

    const { rows } = await executor.executeSql('SELECT 1 AS ok');
    expect(rows).toEqual([{ ok: 1 }]);
    const { rows: tables } = await executor.executeSql(
      `SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'script_probe'`,
    );
    expect(tables).toEqual([{ n: 0 }]);
  });
});
