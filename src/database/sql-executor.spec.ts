import { PgDialect } from 'drizzle-orm/pg-core';
import { textToSql } from './sql-executor';

describe('textToSql', () => {
  const dialect = new PgDialect();

  it('keeps the text and maps $n placeholders to parameters in order of use', () => {
    const query = dialect.sqlToQuery(
      textToSql('SELECT $2::int AS b, $1::text AS a, $10 AS j', [
        'x',
        2,
        3,
        4,
        5,
        6,
        7,
        8,
        9,
        'ten',
      ]),
    );
    expect(query.sql).toBe('SELECT $1::int AS b, $2::text AS a, $3 AS j');
    expect(query.params).toEqual([2, 'x', 'ten']);
  });

  it('sends undefined values as NULL parameters instead of dropping them', () => {
    const query = dialect.sqlToQuery(textToSql('SELECT $1 AS a, $2::int AS b', ['x', undefined]));
    expect(query.sql).toBe('SELECT $1 AS a, $2::int AS b');
    expect(query.params).toEqual(['x', null]);
  });

  it('passes text without placeholders through unchanged', () => {
    const query = dialect.sqlToQuery(textToSql('SELECT 1'));
    expect(query.sql).toBe('SELECT 1');
    expect(query.params).toEqual([]);
  });
});
