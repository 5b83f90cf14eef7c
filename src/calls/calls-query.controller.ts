import { Controller, Get, Inject, Param, Res, StreamableFile } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { createReadStream } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { BearerAuth } from '../common/auth/auth.decorators';
import { ApiException } from '../common/errors/api.exception';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { appConfig } from '../config/namespaces';
import type { CallArtefact } from './call.types';
import { CallRecords } from './call-records.repository';
import { toCallView } from './call-view';
import { CallViewResponseDto } from './dto/call-view.dto';

const CONTENT_TYPES: Record<string, string> = {
  audio: 'audio/mpeg',
  transcription: 'application/json',
  failure: 'application/json',
};

@ApiTags('Calls')
@Controller('calls')
export class CallsQueryController {
  constructor(
    private readonly calls: CallRecords,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  @ApiOperation({ summary: 'The call: request, status timeline, results and stored artefacts' })
  @ApiOkResponse({ type: CallViewResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @Get(':conversation_id')
  @BearerAuth()
  async get(@Param('conversation_id') conversationId: string): Promise<CallViewResponseDto> {
    const row = await this.calls.get(conversationId);
    if (!row)
      throw ApiException.notFound(
        `No call with conversation_id ${conversationId.slice(0, 128)}`,
        'call_not_found',
      );
    return { status: 'success', data: toCallView(row, this.config.publicBaseUrl) };
  }

  @ApiOperation({
    summary: 'Downloads a stored artefact of the call (transcription, audio or failure)',
  })
  @ApiParam({ name: 'kind', enum: ['transcription', 'audio', 'failure'] })
  @ApiProduces('application/json', 'audio/mpeg')
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @Get(':conversation_id/artefacts/:kind')
  @BearerAuth()
  async artefact(
    @Param('conversation_id') conversationId: string,
    @Param('kind') kind: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const row = await this.calls.get(conversationId);
    const artefact = (row?.artefacts as Record<string, CallArtefact> | undefined)?.[kind];
    if (!row || !artefact || !CONTENT_TYPES[kind])
      throw ApiException.notFound(
        `No ${kind.slice(0, 40)} stored for this call`,
        'artefact_not_found',
      );
    const root = resolve(this.config.payloadDir);
    const path = resolve(join(root, artefact.file_path));
    if (!path.startsWith(root + sep))
      throw ApiException.notFound('No such artefact', 'artefact_not_found');
    res.setHeader('Content-Type', CONTENT_TYPES[kind]);
    return new StreamableFile(createReadStream(path), { length: artefact.size_bytes });
  }
}
