// A call record as the API shows it, with download links for its artefacts.
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ApiException } from '../common/errors/api.exception';
import { appConfig } from '../config/namespaces';
import { CallRecordsRepository } from './call-records.repository';
import { toCallView } from './call-view';
import type { CallViewResponseDto } from './dto/call-view.dto';

@Injectable()
export class CallViewService {
  constructor(
    private readonly calls: CallRecordsRepository,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  async get(conversationId: string): Promise<CallViewResponseDto> {
    const row = await this.calls.get(conversationId);
    if (!row)
      throw ApiException.notFound(
        `No call with conversation_id ${conversationId.slice(0, 128)}`,
        'call_not_found',
      );
    return { status: 'success', data: toCallView(row, this.config.publicBaseUrl) };
  }
}
