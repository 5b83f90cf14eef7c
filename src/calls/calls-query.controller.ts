import { Controller, Get } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BearerAuth } from '../common/auth/auth.decorators';
import { CurrentPrincipal } from '../common/auth/current-principal';
import { hasScope, type Principal } from '../common/auth/principal';
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
    description:
      'Without the scope `recordings` the transcript and the artefact links (transcription, audio) are withheld and `withheld` says so.',
  })
  @ApiOkResponse({ type: CallViewResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @Get(':conversation_id')
  @BearerAuth('calls')
  async get(
    @IdParam('conversation_id', { pattern: CONVERSATION_ID }) conversationId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CallViewResponseDto> {
    const view = await this.calls.get(conversationId);
    if (hasScope(principal, 'recordings')) return view;
    const { transcript: _transcript, ...results } = view.data.results ?? {};
    const data = { ...view.data, results: view.data.results && results, artefacts: {} };
    return { ...view, data: { ...data, withheld: ['transcript', 'artefacts'] } };
  }
}
