import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BearerAuth } from '../common/auth/auth.decorators';
import { NotionVerificationDto } from './dto/sync-admin.dto';
import { NotionHandshakesService } from './notion-handshakes.service';

@ApiTags('Sync')
@Controller('api/v1/webhooks')
export class NotionVerificationController {
  constructor(private readonly handshakes: NotionHandshakesService) {}

  @ApiOperation({
    operationId: 'getNotionVerification',
    summary: 'Every Notion verification handshake received, for the operator to configure one',
  })
  @ApiOkResponse({ type: NotionVerificationDto })
  @Get('notion/verification')
  @BearerAuth('sync:admin')
  notionVerification(): Promise<NotionVerificationDto> {
    return this.handshakes.verification();
  }
}
