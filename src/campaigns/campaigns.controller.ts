import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBody,
  ApiGatewayTimeoutResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Audited } from '../audit/audited';
import { BearerAuth } from '../common/auth/auth.decorators';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import setupExample from '../docs/examples/seed/setup_campaign.json';
import { CampaignsService } from './campaigns.service';
import {
  CampaignPackageDto,
  SetupCampaignDto,
  SetupCampaignResponseDto,
} from './dto/setup-campaign.dto';
import { IdParam } from '../common/validation/request-parameters';
import { CAMPAIGN_ID } from './dto/setup-campaign.dto';

@ApiTags('Campaigns')
@Controller()
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @ApiOperation({
    operationId: 'setupCampaign',
    summary:
      "Builds (or returns) the campaign package from HOC's questionnaire and provisions the campaign's ElevenLabs agent",
  })
  @ApiBody({
    type: SetupCampaignDto,
    examples: { seed: { summary: 'HOC set-up request', value: setupExample } },
  })
  @ApiOkResponse({ type: SetupCampaignResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'HOC does not know the campaign' })
  @ApiBadGatewayResponse({ type: ErrorResponseDto, description: 'HOC or ElevenLabs failed' })
  @ApiGatewayTimeoutResponse({ type: ErrorResponseDto, description: 'HOC or ElevenLabs timed out' })
  @Post('webhook/setup-campaign')
  @HttpCode(200)
  @BearerAuth('campaigns')
  @Audited({
    action: 'setup_campaign_rebuild',
    // A plain set-up is idempotent and frequent; only a forced rebuild changes what exists.
    when: (req) => (req.body as SetupCampaignDto | undefined)?.force_rebuild === true,
    target: (req) => ({
      kind: 'campaign',
      id: String((req.body as SetupCampaignDto).campaign_id),
      personal: false,
    }),
  })
  setup(@Body() body: SetupCampaignDto): Promise<SetupCampaignResponseDto> {
    return this.campaigns.setup(body.campaign_id, body.force_rebuild ?? false);
  }

  @ApiOperation({
    operationId: 'getCampaignPackage',
    summary: 'The stored campaign package (the download_url of set-up)',
  })
  @ApiOkResponse({ type: CampaignPackageDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @Get('campaigns/:campaign_id/package')
  @BearerAuth('campaigns')
  getPackage(
    @IdParam('campaign_id', { pattern: CAMPAIGN_ID }) campaignId: string,
  ): Promise<CampaignPackageDto> {
    return this.campaigns.getPackage(campaignId);
  }
}
