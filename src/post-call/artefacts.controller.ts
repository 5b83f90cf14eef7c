import { Controller, Get, Res, StreamableFile } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { BearerAuth } from '../common/auth/auth.decorators';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { IdParam } from '../common/validation/request-parameters';
import type { ArtefactKind } from '../events/artefacts.repository';
import { ArtefactDownloadsService } from './artefact-downloads.service';
import { CONVERSATION_ID } from './dto/post-call.dto';

const ARTEFACT_KIND = /^(transcription|audio|failure)$/;

@ApiTags('Calls')
@Controller('calls')
export class ArtefactsController {
  constructor(private readonly downloads: ArtefactDownloadsService) {}

  @ApiOperation({
    operationId: 'getCallArtefact',
    summary: 'Downloads a stored artefact of the call (transcription, audio or failure)',
    description: 'Streamed from the database, so every replica serves it.',
  })
  @ApiParam({ name: 'kind', enum: ['transcription', 'audio', 'failure'] })
  @ApiProduces('application/json', 'audio/mpeg')
  @ApiOkResponse({ description: 'The artefact bytes as received' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @Get(':conversation_id/artefacts/:kind')
  @BearerAuth('recordings')
  async artefact(
    @IdParam('conversation_id', { pattern: CONVERSATION_ID }) conversationId: string,
    @IdParam('kind', { pattern: ARTEFACT_KIND }) kind: ArtefactKind,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const download = await this.downloads.open(conversationId, kind);
    res.setHeader('Content-Type', download.contentType);
    return new StreamableFile(download.body, { length: download.sizeBytes });
  }
}
