// A minimal "run this SQL text with $n parameters" port, the shape pg-boss expects of `db`.
import { sql, type SQL } from 'drizzle-orm';

export interface SqlRows {
  rows: Record<string, unknown>[];
}

export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<SqlRows>;
}

/** Rebuilds `text` with `$n` placeholders as a drizzle SQL object so it can run inside a drizzle transaction. */
export function textToSql(text: string, values: readonly unknown[] = []): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$(\d+)/g)) {
    chunks.push(sql.raw(text.slice(last, match.index)));
    chunks.push(sql`${values[Number(match[1]) - 1]}`);
    last = match.index + match[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}
