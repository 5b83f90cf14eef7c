import { Controller, Get, Inject } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BearerAuth } from '../common/auth/auth.decorators';
import { ApiException } from '../common/errors/api.exception';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { appConfig } from '../config/namespaces';
import { CONVERSATION_ID } from './call.types';
import { CallRecordsRepository } from './call-records.repository';
import { toCallView } from './call-view';
import { CallViewResponseDto } from './dto/call-view.dto';
import { IdParam } from '../common/validation/request-parameters';

@ApiTags('Calls')
@Controller('calls')
export class CallsQueryController {
  constructor(
    private readonly calls: CallRecordsRepository,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  @ApiOperation({ summary: 'The call: request, status timeline, results and stored artefacts' })
  @ApiOkResponse({ type: CallViewResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @Get(':conversation_id')
  @BearerAuth()
  async get(
    @IdParam('conversation_id', { pattern: CONVERSATION_ID }) conversationId: string,
  ): Promise<CallViewResponseDto> {
    const row = await this.calls.get(conversationId);
    if (!row)
      throw ApiException.notFound(
        `No call with conversation_id ${conversationId.slice(0, 128)}`,
        'call_not_found',
      );
    return { status: 'success', data: toCallView(row, this.config.publicBaseUrl) };
  }
}
