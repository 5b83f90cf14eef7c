// Supabase REST (PostgREST) on 127.0.0.1: `GET /rest/v1/{table}?{column}=eq.{value}` from
// in-memory rows. A table's key column is `id` unless `keyColumn` says otherwise; a lookup by any
// other column finds nothing, so a test sees a server asking by the wrong key.
import { FakeServer } from './fake-server';

export class FakeSupabase extends FakeServer {
  readonly rows = new Map<string, Record<string, unknown>>();
  /** Key column per table (default `id`). */
  readonly keyColumns = new Map<string, string>();

  constructor(readonly apiKey = 'fake-supabase-key') {
    super('Supabase');
    this.on('GET', /^\/rest\/v1\/[A-Za-z0-9_]+$/, (req) => {
      if (req.headers.apikey !== this.apiKey)
        return { status: 401, body: { message: 'Invalid API key' } };
      const table = req.path.split('/').pop() as string;
      const column = this.keyOf(table);
      const value = (req.query.get(column) ?? '').replace(/^eq\./, '');
      const row = req.query.has(column) ? this.rows.get(`${table}/${value}`) : undefined;
      return { status: 200, body: row ? [row] : [] };
    });
  }

  private keyOf(table: string): string {
    return this.keyColumns.get(table) ?? 'id';
  }

  put(table: string, row: Record<string, unknown>): void {
    this.rows.set(`${table}/${String(row[this.keyOf(table)])}`, row);
  }

  remove(table: string, id: string | number): void {
    this.rows.delete(`${table}/${String(id)}`);
  }

  /** Verification requests made for one record (by the table's key column). */
  lookups(table: string, id: string | number): number {
    const column = this.keyOf(table);
    return this.received('GET', `/rest/v1/${table}`).filter(
      (r) => r.query.get(column) === `eq.${String(id)}`,
    ).length;
  }
}
