// The optional PAYLOAD_DIR mirror: artefacts as files in the old
// {conversation_id}/{conversation_id}_{kind} layout, for users of that layout. Written by the
// post-call job after the acknowledgement; the database stays the source of truth. Paths are
// built only from validated ids and checked to stay inside PAYLOAD_DIR.
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { join, resolve, sep } from 'node:path';
import { writeFileAtomic } from '../common/files/atomic-write';
import { appConfig } from '../config/namespaces';
import { artefactPath, type ArtefactKind } from './artefact-kinds';
import { CONVERSATION_ID } from './dto/post-call.dto';

@Injectable()
export class ArtefactMirror {
  private readonly root: string | undefined;

  constructor(@Inject(appConfig.KEY) config: ConfigType<typeof appConfig>) {
    this.root = config.payloadDir ? resolve(config.payloadDir) : undefined;
  }

  get enabled(): boolean {
    return this.root !== undefined;
  }

  /** Writes durably; false when no PAYLOAD_DIR is configured. */
  async write(conversationId: string, kind: ArtefactKind, data: Buffer): Promise<boolean> {
    if (!this.root) return false;
    await writeFileAtomic(this.pathFor(this.root, conversationId, kind), data);
    return true;
  }

  private pathFor(root: string, conversationId: string, kind: ArtefactKind): string {
    if (!CONVERSATION_ID.test(conversationId)) throw new Error('conversation id not validated');
    const path = resolve(join(root, artefactPath(conversationId, kind)));
    if (!path.startsWith(root + sep)) throw new Error('artefact path escapes PAYLOAD_DIR');
    return path;
  }
}
