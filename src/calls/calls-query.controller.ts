import { Controller, Get } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BearerAuth } from '../common/auth/auth.decorators';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { IdParam } from '../common/validation/request-parameters';
import { CONVERSATION_ID } from './conversation-id';
import { CallViewService } from './call-view.service';
import { CallViewResponseDto } from './dto/call-view.dto';

@ApiTags('Calls')
@Controller('calls')
export class CallsQueryController {
  constructor(private readonly calls: CallViewService) {}

  @ApiOperation({
    operationId: 'getCall',
    summary: 'The call: request, status timeline, results and stored artefacts',
  })
  @ApiOkResponse({ type: CallViewResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @Get(':conversation_id')
  @BearerAuth()
  get(
    @IdParam('conversation_id', { pattern: CONVERSATION_ID }) conversationId: string,
  ): Promise<CallViewResponseDto> {
    return this.calls.get(conversationId);
  }
}
