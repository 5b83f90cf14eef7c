// Post-call artefacts live in the database (table `artefacts`, written with their event by the
// ingest). Downloads read the bytes in slices, so a 30 MB recording never sits whole in memory.
// `file_path` names the artefact in the old PAYLOAD_DIR layout, which the optional mirror keeps.
import { Injectable } from '@nestjs/common';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { Readable } from 'node:stream';
import { DatabaseService } from '../database/database.service';
import { artefacts } from '../database/schema';
import type { ArtefactInput } from '../events/event.types';

export type ArtefactKind = ArtefactInput['kind'];

export const ARTEFACT_KINDS: Record<ArtefactKind, { suffix: string; contentType: string }> = {
  transcription: { suffix: 'transcription.json', contentType: 'application/json' },
  audio: { suffix: 'audio.mp3', contentType: 'audio/mpeg' },
  failure: { suffix: 'failure.json', contentType: 'application/json' },
};

/** `{id}/{id}_transcription.json`: the artefact's name in the PAYLOAD_DIR layout. */
export function artefactPath(conversationId: string, kind: ArtefactKind): string {
  return `${conversationId}/${conversationId}_${ARTEFACT_KINDS[kind].suffix}`;
}

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
