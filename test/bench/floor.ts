// The floor: a bare node:http server doing the same durable write per request as the app (verify
// the same HMAC, parse the JSON, commit the event row, its artefact bytes and its job in one
// transaction through the same driver), without Nest, validation, logging or group commit. The
// app's throughput is reported as a ratio of this.
import { createServer, type IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import PgBoss from 'pg-boss';
import { sql } from 'drizzle-orm';
import { verifyElevenLabs } from '../../src/common/auth/schemes/elevenlabs.scheme';
import { DatabaseService } from '../../src/database/database.service';

const [, , portArg, dataDir, databaseUrl] = process.argv;
const ELEVENLABS_SECRET = process.env.ELEVENLABS_WEBHOOK_SECRETS ?? '';
const SYNC_SECRET = process.env.SYNC_WEBHOOK_SECRET ?? '';

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function main(): Promise<void> {
  const database = await DatabaseService.open({
    url: databaseUrl || undefined,
    pgliteDir: join(dataDir, 'pglite'),
  });
  const boss = new PgBoss({
    db: database.executor,
    schema: 'pgboss',
    supervise: false,
    schedule: false,
  });
  await boss.start();
  await boss.createQueue('floor.sync', { name: 'floor.sync' });
  await boss.createQueue('floor.post-call', { name: 'floor.post-call' });

  const server = createServer((req, res) => {
    const reply = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    void (async () => {
      if (req.method === 'GET') return reply(200, { status: 'ok' });
      const raw = await body(req);
      if (req.url === '/webhook/post-call') {
        const header = req.headers['elevenlabs-signature'] as string | undefined;
        if (!verifyElevenLabs(raw, header, [ELEVENLABS_SECRET], Math.floor(Date.now() / 1000)).ok)
          return reply(401, { error: 'signature' });
        const event = JSON.parse(raw.toString('utf8')) as {
          type: string;
          data: { conversation_id: string };
        };
        const id = event.data.conversation_id;
        await database.transaction(async (tx, executor) => {
          const inserted: unknown = await tx.execute(
            sql`INSERT INTO events (source, type, dedup_key, payload) VALUES ('elevenlabs', ${event.type}, ${`floor:${id}`}, ${JSON.stringify(event)}::jsonb) RETURNING id`,
          );
          const [row] = (inserted as { rows: { id: string }[] }).rows;
          await tx.execute(
            sql`INSERT INTO artefacts (conversation_id, kind, event_id, content_type, size_bytes, bytes) VALUES (${id}, 'transcription', ${row.id}, 'application/json', ${raw.length}, decode(${raw.toString('base64')}, 'base64'))`,
          );
          await boss.send('floor.post-call', { eventId: row.id }, {
            db: executor,
          } as PgBoss.SendOptions);
        });
        return reply(200, { status: 'success' });
      }
      if (req.url === '/api/v1/webhooks/supabase') {
        if (req.headers['x-webhook-secret'] !== SYNC_SECRET) return reply(401, { error: 'secret' });
        const event = JSON.parse(raw.toString('utf8')) as {
          type: string;
          table: string;
          record: { id: number };
        };
        const dedupKey = `floor:${event.table}:${event.record.id}:${randomUUID()}`;
        await database.transaction(async (tx, executor) => {
          await tx.execute(
            sql`INSERT INTO events (source, type, dedup_key, payload) VALUES ('supabase', ${event.type}, ${dedupKey}, ${JSON.stringify(event)}::jsonb)`,
          );
          await boss.send('floor.sync', { dedupKey }, { db: executor } as PgBoss.SendOptions);
        });
        return reply(202, { status: 'accepted' });
      }
      return reply(404, { error: 'not found' });
    })().catch((error: Error) => reply(500, { error: error.message }));
  });
  server.listen(Number(portArg), '127.0.0.1', () => process.send?.('ready'));
  process.on('SIGTERM', () => {
    server.close();
    void boss
      .stop({ graceful: false, close: false })
      .then(() => database.close())
      .then(() => process.exit(0));
  });
}

void main();
