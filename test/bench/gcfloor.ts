// The group-commit floor with processing: ../shared/bench/gcfloor.mjs (GC_PROCESS=1) ported, on
// PostgreSQL (pg.Pool, 4 connections) or on PGlite (its one connection). node:http, the app's
// signature and secret checks, JSON.parse, every request in flight committed in one multi-row
// INSERT (the event row is its own job), the answer after COMMIT; post-call keeps its raw body.
// A loop claims up to 500 unprocessed events (FOR UPDATE SKIP LOCKED), applies them to the call
// row or the mirrored record in one statement per kind and marks them processed, in one
// transaction. GET /backlog answers how many are unprocessed. The least a durable receiver that
// also processes can do on this machine: the app is measured as a ratio of it.
// usage (forked by run.ts): gcfloor.ts PORT DATA_DIR [DATABASE_URL]
import { PGlite } from '@electric-sql/pglite';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { Pool } from 'pg';

const [, , port, dataDir, url] = process.argv;
const EL = process.env.ELEVENLABS_WEBHOOK_SECRETS ?? 'bench-elevenlabs-secret';
const SYNC = process.env.SYNC_WEBHOOK_SECRET ?? 'bench-sync-secret';

interface Db {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /** Runs `work` in one transaction. */
  tx(work: (q: Db['query']) => Promise<void>): Promise<void>;
}

async function open(): Promise<Db> {
  if (url) {
    const pool = new Pool({ connectionString: url, max: 4 });
    return {
      query: (text, params) => pool.query(text, params),
      tx: async (work) => {
        const c = await pool.connect();
        try {
          await c.query('BEGIN');
          await work((text, params) => c.query(text, params));
          await c.query('COMMIT');
        } catch (error) {
          await c.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          c.release();
        }
      },
    };
  }
  const pg = await PGlite.create(join(dataDir, 'gcfloor'));
  return {
    query: (text, params) => pg.query(text, params),
    tx: (work) => pg.transaction((t) => work((text, params) => t.query(text, params))),
  };
}

async function main(): Promise<void> {
  const db = await open();
  await db.query(
    `CREATE TABLE IF NOT EXISTS gc_events (id bigserial primary key, source text not null, type text, dedup_key text unique, payload jsonb not null, raw bytea, received_at timestamptz default now(), processed_at timestamptz)`,
  );
  await db.query(
    `CREATE TABLE IF NOT EXISTS gc_calls (conversation_id text primary key, status text, analysis jsonb, updated_at timestamptz)`,
  );
  await db.query(
    `CREATE TABLE IF NOT EXISTS gc_records (tbl text, id text, data jsonb, updated_at timestamptz, primary key (tbl, id))`,
  );
  await db.query(
    `CREATE INDEX IF NOT EXISTS gc_events_todo ON gc_events (id) WHERE processed_at IS NULL`,
  );
  void processLoop(db);

  interface Item {
    s: string;
    t: unknown;
    k: string;
    p: unknown;
    r?: string;
    done: (error: unknown) => void;
  }
  let pending: Item[] = [];
  let flushing = 0;
  // PGlite runs one statement at a time: a second in flight would only wait.
  const maxInFlight = url ? 2 : 1;
  const flush = () => {
    if (!pending.length || flushing >= maxInFlight) return;
    const batch = pending;
    pending = [];
    flushing++;
    const rows = batch.map(({ done: _done, ...row }) => row);
    db.query(
      `INSERT INTO gc_events (source,type,dedup_key,payload,raw) SELECT s,t,k,p,decode(r,'base64') FROM json_to_recordset($1::json) AS x(s text,t text,k text,p jsonb,r text) ON CONFLICT (dedup_key) DO NOTHING`,
      [JSON.stringify(rows)],
    )
      .then(
        () => batch.forEach((b) => b.done(null)),
        (error: unknown) => batch.forEach((b) => b.done(error)),
      )
      .finally(() => {
        flushing--;
        flush();
      });
  };
  const verifyEl = (raw: Buffer, header: string | undefined) => {
    const m = /t=(\d+),v0=([0-9a-f]+)/.exec(header ?? '');
    if (!m) return false;
    const mac = createHmac('sha256', EL).update(`${m[1]}.`).update(raw).digest();
    const got = Buffer.from(m[2], 'hex');
    return got.length === mac.length && timingSafeEqual(got, mac);
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = (status: number, body: string) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body);
      };
      if (req.method === 'GET' && req.url === '/backlog')
        return void db
          .query('SELECT count(*)::int AS n FROM gc_events WHERE processed_at IS NULL')
          .then((r) => reply(200, JSON.stringify(r.rows[0])));
      if (req.method === 'GET') return reply(200, '{"status":"ok"}');
      const raw = Buffer.concat(chunks);
      let ev: Record<string, any>;
      try {
        ev = JSON.parse(raw.toString()) as Record<string, any>;
      } catch {
        return reply(400, '{"error":"json"}');
      }
      let item: Omit<Item, 'done'>;
      if (req.url === '/webhook/post-call') {
        if (!verifyEl(raw, req.headers['elevenlabs-signature'] as string | undefined))
          return reply(401, '{}');
        item = {
          s: 'elevenlabs',
          t: ev.type,
          k: `el:${ev.type}:${ev.data?.conversation_id}`,
          p: ev,
          r: raw.toString('base64'),
        };
      } else if (req.url === '/api/v1/webhooks/supabase') {
        if (req.headers['x-webhook-secret'] !== SYNC) return reply(401, '{}');
        item = {
          s: 'supabase',
          t: ev.type,
          k: `sb:${ev.table}:${ev.record?.id}:${ev.record?.updated_at}`,
          p: ev,
        };
      } else return reply(404, '{}');
      const accepted = req.url.startsWith('/webhook') ? 200 : 202;
      pending.push({
        ...item,
        done: (error) => (error ? reply(503, '{}') : reply(accepted, '{"status":"accepted"}')),
      });
      flush();
    });
  });
  server.listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
}

async function processLoop(db: Db): Promise<void> {
  for (;;) {
    let n = 0;
    try {
      await db.tx(async (q) => {
        const { rows } = await q(
          `SELECT id, source, payload FROM gc_events WHERE processed_at IS NULL ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED`,
        );
        n = rows.length;
        if (!n) return;
        const payload = (r: Record<string, unknown>) => r.payload as Record<string, any>;
        const calls = rows
          .filter((r) => r.source === 'elevenlabs')
          .map((r) => ({
            c: payload(r).data?.conversation_id,
            s: payload(r).data?.status,
            a: payload(r).data?.analysis ?? null,
          }));
        const recs = rows
          .filter((r) => r.source === 'supabase')
          .map((r) => ({
            t: payload(r).table,
            i: String(payload(r).record?.id),
            d: payload(r).record,
          }));
        if (calls.length)
          await q(
            `INSERT INTO gc_calls SELECT DISTINCT ON (c) c, s, a, now() FROM json_to_recordset($1::json) AS x(c text, s text, a jsonb) ON CONFLICT (conversation_id) DO UPDATE SET status = excluded.status, analysis = excluded.analysis, updated_at = now()`,
            [JSON.stringify(calls)],
          );
        if (recs.length)
          await q(
            `INSERT INTO gc_records SELECT DISTINCT ON (t, i) t, i, d, now() FROM json_to_recordset($1::json) AS x(t text, i text, d jsonb) ON CONFLICT (tbl, id) DO UPDATE SET data = excluded.data, updated_at = now()`,
            [JSON.stringify(recs)],
          );
        await q(`UPDATE gc_events SET processed_at = now() WHERE id = ANY($1::bigint[])`, [
          rows.map((r) => r.id),
        ]);
      });
    } catch (error) {
      process.stderr.write(`gcfloor: ${(error as Error).message}\n`);
    }
    if (n < 500) await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

void main();
