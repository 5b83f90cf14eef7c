// Supabase REST (PostgREST) on 127.0.0.1: `GET /rest/v1/{table}?id=eq.{id}` from in-memory rows.
import { FakeServer } from './fake-server';

export class FakeSupabase extends FakeServer {
  readonly rows = new Map<string, Record<string, unknown>>();

  constructor(readonly apiKey = 'fake-supabase-key') {
    super('Supabase');
    this.on('GET', /^\/rest\/v1\/[A-Za-z0-9_]+$/, (req) => {
      if (req.headers.apikey !== this.apiKey)
        return { status: 401, body: { message: 'Invalid API key' } };
      const table = req.path.split('/').pop() as string;
      const id = (req.query.get('id') ?? '').replace(/^eq\./, '');
      const row = this.rows.get(`${table}/${id}`);
      return { status: 200, body: row ? [row] : [] };
    });
  }

  put(table: string, row: Record<string, unknown>): void {
    this.rows.set(`${table}/${String(row.id)}`, row);
  }

  remove(table: string, id: string | number): void {
    this.rows.delete(`${table}/${String(id)}`);
  }

  /** Verification requests made for one record. */
  lookups(table: string, id: string | number): number {
    return this.received('GET', `/rest/v1/${table}`).filter(
      (r) => r.query.get('id') === `eq.${String(id)}`,
    ).length;
  }
}
