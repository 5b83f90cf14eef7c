// Where post-call artefacts live: PAYLOAD_DIR/{conversation_id}/{conversation_id}_{kind}. Paths
// are built only from validated ids and checked to stay inside PAYLOAD_DIR.
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { access } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { writeFileAtomic } from '../common/files/atomic-write';
import { appConfig } from '../config/namespaces';
import { CONVERSATION_ID } from './dto/post-call.dto';

export type ArtefactKind = 'transcription.json' | 'audio.mp3' | 'failure.json';

@Injectable()
export class ArtefactStore {
  private readonly root: string;

  constructor(@Inject(appConfig.KEY) config: ConfigType<typeof appConfig>) {
    this.root = resolve(config.payloadDir);
  }

  /** Writes durably and returns the path relative to PAYLOAD_DIR. */
  async write(conversationId: string, kind: ArtefactKind, data: Buffer): Promise<string> {
    await writeFileAtomic(this.pathFor(conversationId, kind), data);
    return this.relativePath(conversationId, kind);
  }

  relativePath(conversationId: string, kind: ArtefactKind): string {
    return relative(this.root, this.pathFor(conversationId, kind)).split(sep).join('/');
  }

  async exists(conversationId: string, kind: ArtefactKind): Promise<boolean> {
    return access(this.pathFor(conversationId, kind)).then(
      () => true,
      () => false,
    );
  }

  pathFor(conversationId: string, kind: ArtefactKind): string {
    if (!CONVERSATION_ID.test(conversationId)) throw new Error('conversation id not validated');
    const path = resolve(join(this.root, conversationId, `${conversationId}_${kind}`));
    if (!path.startsWith(this.root + sep)) throw new Error('artefact path escapes PAYLOAD_DIR');
    return path;
  }
}
