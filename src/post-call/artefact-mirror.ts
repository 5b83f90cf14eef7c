// The optional PAYLOAD_DIR mirror: artefacts as files in the old
// {conversation_id}/{conversation_id}_{kind} layout, for users of that layout. Written by the
// post-call job after the acknowledgement; the database stays the source of truth. Paths are
// built only from validated ids and checked to stay inside PAYLOAD_DIR.
// Erasure is final here too: a file is written only for a call not erased since its event
// arrived, and checked again after writing — an erasure that committed in between removes the
// folder after its commit, or this check sees its tombstone and removes the folder itself.
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { rm } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { writeFileAtomic } from '../common/files/atomic-write';
import { appConfig } from '../config/namespaces';
import { DatabaseService } from '../database/database.service';
import { erasedSince } from '../database/erasure-tombstones';
import { artefactPath, type ArtefactKind } from './artefact-kinds';
import { CONVERSATION_ID } from './dto/post-call.dto';

@Injectable()
export class ArtefactMirror {
  private readonly root: string | undefined;

  constructor(
    @Inject(appConfig.KEY) config: ConfigType<typeof appConfig>,
    private readonly database: DatabaseService,
  ) {
    this.root = config.payloadDir ? resolve(config.payloadDir) : undefined;
  }

  get enabled(): boolean {
    return this.root !== undefined;
  }

  /**
   * Writes durably; false when no PAYLOAD_DIR is configured or the call was erased since
   * `receivedAt` (when the event that carries the artefact arrived).
   */
  async write(
    conversationId: string,
    kind: ArtefactKind,
    data: Buffer,
    receivedAt: Date,
  ): Promise<boolean> {
    if (!this.root) return false;
    const path = this.pathFor(this.root, conversationId, kind);
    if (await this.erased(conversationId, receivedAt)) return false;
    await writeFileAtomic(path, data);
    if (!(await this.erased(conversationId, receivedAt))) return true;
    await rm(resolve(path, '..'), { recursive: true, force: true });
    return false;
  }

  private erased(conversationId: string, receivedAt: Date): Promise<boolean> {
    return erasedSince(this.database.db, conversationId, receivedAt);
  }

  private pathFor(root: string, conversationId: string, kind: ArtefactKind): string {
    if (!CONVERSATION_ID.test(conversationId)) throw new Error('conversation id not validated');
    const path = resolve(join(root, artefactPath(conversationId, kind)));
    if (!path.startsWith(root + sep)) throw new Error('artefact path escapes PAYLOAD_DIR');
    return path;
  }
}
