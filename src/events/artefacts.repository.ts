// Post-call artefacts (table `artefacts`): the bytes that commit with their event in the ingest
// transaction, so the event log owns them. Downloads read the bytes in slices, so a 30 MB
// recording never sits whole in memory; retention and erasure remove them through here.
import { Injectable } from '@nestjs/common';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { Readable } from 'node:stream';
import { DatabaseService, type AppTransaction } from '../database/database.service';
import { affectedRows, rowsOf } from '../database/query-result';
import { artefacts } from '../database/schema';
import type { ArtefactInput } from './event.types';

export type ArtefactKind = ArtefactInput['kind'];

/**
 * Bytes travel as base64 text: PGlite renders bytea as hex and parses it byte by byte (2.7 s
 * for 22 MB against 0.26 s as base64). PostgreSQL's base64 has line breaks, which Node skips.
 */
const base64Of = (value: SQL) =>
  sql<Buffer>`encode(${value}, 'base64')`.mapWith((text: string) => Buffer.from(text, 'base64'));

/** Slice size of a download: memory per download stays around this. */
const CHUNK_BYTES = 1024 * 1024;

export interface StoredArtefact {
  eventId: string;
  contentType: string;
  sizeBytes: number;
}

@Injectable()
export class ArtefactsRepository {
  constructor(private readonly database: DatabaseService) {}

  /** Within the ingest transaction; a later delivery of the same call and kind replaces the bytes. */
  async write(tx: AppTransaction, items: (ArtefactInput & { eventId: string })[]): Promise<void> {
    await tx
      .insert(artefacts)
      .values(
        items.map((a) => ({
          conversationId: a.conversationId,
          kind: a.kind,
          eventId: a.eventId,
          contentType: a.contentType,
          sizeBytes: a.bytes.length,
          // As base64 text: PGlite serialises a Buffer parameter byte by byte (25 s for 22 MB),
          // decode() takes ~1 s; for pg it is also smaller than the hex escape.
          bytes: sql`decode(${a.bytes.toString('base64')}, 'base64')`,
        })),
      )
      .onConflictDoUpdate({
        target: [artefacts.conversationId, artefacts.kind],
        set: {
          eventId: sql`excluded.event_id`,
          contentType: sql`excluded.content_type`,
          sizeBytes: sql`excluded.size_bytes`,
          bytes: sql`excluded.bytes`,
          createdAt: sql`now()`,
        },
      });
  }

  /** Erasure: every artefact of a conversation; the number removed. */
  async erase(tx: AppTransaction, conversationId: string): Promise<number> {
    return affectedRows(
      await tx.execute(sql`DELETE FROM artefacts WHERE conversation_id = ${conversationId}`),
    );
  }

  /** Retention: up to `limit` artefacts stored before `cutoff`; which ones went. */
  async pruneBefore(
    tx: AppTransaction,
    cutoff: Date,
    limit: number,
  ): Promise<{ conversation_id: string; kind: string }[]> {
    return rowsOf<{ conversation_id: string; kind: string }>(
      await tx.execute(sql`
        DELETE FROM artefacts WHERE (conversation_id, kind) IN (
          SELECT conversation_id, kind FROM artefacts
           WHERE created_at < ${cutoff.toISOString()}::timestamptz LIMIT ${limit})
        RETURNING conversation_id, kind`),
    );
  }

  async find(conversationId: string, kind: ArtefactKind): Promise<StoredArtefact | undefined> {
    const [row] = await this.database.db
      .select({
        eventId: artefacts.eventId,
        contentType: artefacts.contentType,
        sizeBytes: artefacts.sizeBytes,
      })
      .from(artefacts)
      .where(and(eq(artefacts.conversationId, conversationId), eq(artefacts.kind, kind)));
    return row;
  }

  /** The whole value (for the mirror job); downloads use `stream`. */
  async read(conversationId: string, kind: ArtefactKind): Promise<Buffer | undefined> {
    const [row] = await this.database.db
      .select({ bytes: base64Of(sql`${artefacts.bytes}`) })
      .from(artefacts)
      .where(and(eq(artefacts.conversationId, conversationId), eq(artefacts.kind, kind)));
    return row?.bytes;
  }

  /**
   * The bytes of `stored`, read one slice per pull. Pinned to its event: should a redelivery
   * replace the artefact mid-download, the stream fails instead of mixing two versions.
   */
  stream(conversationId: string, kind: ArtefactKind, stored: StoredArtefact): Readable {
    const db = this.database.db;
    let offset = 0;
    return new Readable({
      highWaterMark: CHUNK_BYTES,
      read() {
        if (offset >= stored.sizeBytes) {
          this.push(null);
          return;
        }
        const from = offset;
        offset += CHUNK_BYTES;
        db.select({
          part: base64Of(sql`substring(${artefacts.bytes} from ${from + 1} for ${CHUNK_BYTES})`),
        })
          .from(artefacts)
          .where(
            and(
              eq(artefacts.conversationId, conversationId),
              eq(artefacts.kind, kind),
              eq(artefacts.eventId, stored.eventId),
            ),
          )
          .then(
            ([row]) => {
              if (!row) throw new Error('artefact replaced or erased during the download');
              this.push(row.part);
            },
            (error: Error) => this.destroy(error),
          )
          .catch((error: Error) => this.destroy(error));
      },
    });
  }
}
