import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BearerAuth } from '../common/auth/auth.decorators';
import { CurrentPrincipal } from '../common/auth/current-principal';
import type { Principal } from '../common/auth/principal';
import { AuditTrail } from './audit-trail.service';
import { AuditQueryDto, AuditResponseDto, MeResponseDto } from './dto/audit.dto';

@ApiTags('Audit')
@Controller('api/v1')
export class AuditController {
  constructor(private readonly trail: AuditTrail) {}

  @ApiOperation({
    operationId: 'listAudit',
    summary: 'The audit trail: who did what, newest first, paginated with `before`',
  })
  @ApiOkResponse({ type: AuditResponseDto })
  @Get('audit')
  @BearerAuth('audit:read')
  async list(@Query() q: AuditQueryDto): Promise<AuditResponseDto> {
    return { status: 'success', data: await this.trail.list({ ...q, limit: q.limit ?? 100 }) };
  }

  @ApiOperation({
    operationId: 'getMe',
    summary: 'Who the credentials belong to and their scopes (for the console)',
  })
  @ApiOkResponse({ type: MeResponseDto })
  @Get('me')
  @BearerAuth('authenticated')
  me(@CurrentPrincipal() principal: Principal): MeResponseDto {
    const { kind, name, via } = principal;
    return { status: 'success', data: { kind, name, via, scopes: [...principal.scopes] } };
  }
}
