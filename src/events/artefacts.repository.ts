// Post-call artefacts (table `artefacts`): the bytes that commit with their event in the ingest
// transaction, so the event log owns them. Downloads read the bytes in slices, so a 30 MB
// recording never sits whole in memory; retention and erasure remove them through here. An
// artefact over ARTEFACT_PART_BYTES is written as slices (`artefact_parts`), one statement each:
// the embedded database's WebAssembly memory grows to hold the largest value one statement
// handles and never gives it back.
import { Injectable } from '@nestjs/common';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { Readable } from 'node:stream';
import { DatabaseService, type AppTransaction } from '../database/database.service';
import { affectedRows, rowsOf } from '../database/query-result';
import { artefactParts, artefacts } from '../database/schema';
import type { ArtefactInput } from './event.types';

export type ArtefactKind = ArtefactInput['kind'];

/**
 * Bytes travel as base64 text: PGlite renders bytea as hex and parses it byte by byte (2.7 s
 * for 22 MB against 0.26 s as base64). PostgreSQL's base64 has line breaks, which Node skips.
 */
const base64Of = (value: SQL) =>
  sql<Buffer>`encode(${value}, 'base64')`.mapWith((text: string) => Buffer.from(text, 'base64'));

/** Slice size of a stored large artefact and of a download: memory per statement stays around this. */
export const ARTEFACT_PART_BYTES = 1024 * 1024;

const partsOf = (bytes: Buffer) =>
  bytes.length > ARTEFACT_PART_BYTES ? Math.ceil(bytes.length / ARTEFACT_PART_BYTES) : 0;

export interface StoredArtefact {
  eventId: string;
  contentType: string;
  sizeBytes: number;
  /** Slices in `artefact_parts`; 0 when the bytes are inline. */
  parts: number;
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
          parts: partsOf(a.bytes),
          // As base64 text: PGlite serialises a Buffer parameter byte by byte (25 s for 22 MB),
          // decode() takes ~1 s; for pg it is also smaller than the hex escape.
          bytes: partsOf(a.bytes)
            ? sql`''::bytea`
            : sql`decode(${a.bytes.toString('base64')}, 'base64')`,
        })),
      )
      .onConflictDoUpdate({
        target: [artefacts.conversationId, artefacts.kind],
        set: {
          eventId: sql`excluded.event_id`,
          contentType: sql`excluded.content_type`,
          sizeBytes: sql`excluded.size_bytes`,
          parts: sql`excluded.parts`,
          bytes: sql`excluded.bytes`,
          createdAt: sql`now()`,
        },
      });
    for (const a of items) {
      // The slices of the version this one replaces (erasure and retention delete the artefact,
      // which takes its slices with it).
      await tx
        .delete(artefactParts)
        .where(
          and(eq(artefactParts.conversationId, a.conversationId), eq(artefactParts.kind, a.kind)),
        );
      for (let part = 0; part < partsOf(a.bytes); part++) {
        const slice = a.bytes.subarray(
          part * ARTEFACT_PART_BYTES,
          (part + 1) * ARTEFACT_PART_BYTES,
        );
        await tx.insert(artefactParts).values({
          conversationId: a.conversationId,
          kind: a.kind,
          part,
          bytes: sql`decode(${slice.toString('base64')}, 'base64')`,
        });
      }
    }
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
        parts: artefacts.parts,
      })
      .from(artefacts)
      .where(and(eq(artefacts.conversationId, conversationId), eq(artefacts.kind, kind)));
    return row;
  }

  /** The whole value (for the mirror job); downloads use `stream`. */
  async read(conversationId: string, kind: ArtefactKind): Promise<Buffer | undefined> {
    const stored = await this.find(conversationId, kind);
    if (!stored) return undefined;
    const slices: Buffer[] = [];
    for await (const slice of this.stream(conversationId, kind, stored))
      slices.push(slice as Buffer);
    return Buffer.concat(slices);
  }

  /**
   * The bytes of `stored`, read one slice per pull. Pinned to its event: should a redelivery
   * replace the artefact mid-download, the stream fails instead of mixing two versions.
   */
  stream(conversationId: string, kind: ArtefactKind, stored: StoredArtefact): Readable {
    const db = this.database.db;
    let offset = 0;
    return new Readable({
      highWaterMark: ARTEFACT_PART_BYTES,
      read() {
        if (offset >= stored.sizeBytes) {
          this.push(null);
          return;
        }
        const from = offset;
        offset += ARTEFACT_PART_BYTES;
        const pinned = and(
          eq(artefacts.conversationId, conversationId),
          eq(artefacts.kind, kind),
          eq(artefacts.eventId, stored.eventId),
        );
        (stored.parts > 0
          ? db
              .select({ part: base64Of(sql`${artefactParts.bytes}`) })
              .from(artefactParts)
              .innerJoin(
                artefacts,
                and(
                  eq(artefacts.conversationId, artefactParts.conversationId),
                  eq(artefacts.kind, artefactParts.kind),
                ),
              )
              .where(and(pinned, eq(artefactParts.part, from / ARTEFACT_PART_BYTES)))
          : db
              .select({
                part: base64Of(
                  sql`substring(${artefacts.bytes} from ${from + 1} for ${ARTEFACT_PART_BYTES})`,
                ),
              })
              .from(artefacts)
              .where(pinned)
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
