// A minimal "run this SQL text with $n parameters" port, the shape pg-boss expects of `db`.
import { sql, type SQL, type SQLChunk } from 'drizzle-orm';

export interface SqlRows {
  rows: Record<string, unknown>[];
}

export interface SqlExecutor {
  /**
   * `name`: a fixed statement run often; PostgreSQL parses it once per connection (a named
   * prepared statement) instead of on every call.
   */
  executeSql(text: string, values?: unknown[], name?: string): Promise<SqlRows>;
}

/** Rebuilds `text` with `$n` placeholders as a drizzle SQL object so it can run inside a drizzle transaction. */
export function textToSql(text: string, values: readonly unknown[] = []): SQL {
  const chunks: SQLChunk[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$(\d+)/g)) {
    chunks.push(sql.raw(text.slice(last, match.index)));
    // drizzle drops an `undefined` chunk entirely; the pg drivers send it as NULL, so do that.
    chunks.push(sql.param(values[Number(match[1]) - 1] ?? null));
    last = match.index + match[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}
