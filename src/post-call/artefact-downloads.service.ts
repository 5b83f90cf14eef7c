// Downloads of a call's stored artefacts: 404 when none is stored, else its bytes as a stream
// read from the database in slices (any replica serves it).
import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { ApiException } from '../common/errors/api.exception';
import { ArtefactsRepository, type ArtefactKind } from '../events/artefacts.repository';

export interface ArtefactDownload {
  contentType: string;
  sizeBytes: number;
  body: Readable;
}

@Injectable()
export class ArtefactDownloadsService {
  constructor(private readonly store: ArtefactsRepository) {}

  async open(conversationId: string, kind: ArtefactKind): Promise<ArtefactDownload> {
    const stored = await this.store.find(conversationId, kind);
    if (!stored)
      throw ApiException.notFound(`No ${kind} stored for this call`, 'artefact_not_found');
    return {
      contentType: stored.contentType,
      sizeBytes: stored.sizeBytes,
      body: this.store.stream(conversationId, kind, stored),
    };
  }
}
