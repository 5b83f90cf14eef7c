// Provisions a campaign's ElevenLabs agent at set-up: updates the agent the campaign already
// has, or creates one (also when the recorded agent was deleted at ElevenLabs). Without an
// ElevenLabs API key nothing is provisioned and calls use ELEVENLABS_AGENT_ID.
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { elevenlabsConfig } from '../config/namespaces';
import { ElevenLabsClient } from '../integrations/elevenlabs/elevenlabs.client';
import { UpstreamError } from '../integrations/upstream-error';
import { agentConfiguration } from './agent-config';
import type { CampaignPackage, PackageAgent } from './campaign-package.types';

@Injectable()
export class CampaignAgentsService {
  private readonly logger = new Logger('CampaignAgents');

  constructor(
    private readonly elevenlabs: ElevenLabsClient,
    @Inject(elevenlabsConfig.KEY) private readonly config: ConfigType<typeof elevenlabsConfig>,
  ) {}

  get enabled(): boolean {
    return Boolean(this.config.apiKey);
  }

  async provision(
    pkg: CampaignPackage,
    existingAgentId: string | null,
  ): Promise<Pick<PackageAgent, 'agent_id' | 'provisioning'>> {
    if (!this.enabled) return { agent_id: null, provisioning: 'not_configured' };
    const configuration = agentConfiguration(pkg);
    if (existingAgentId) {
      try {
        await this.elevenlabs.updateAgent(existingAgentId, configuration);
        return { agent_id: existingAgentId, provisioning: 'updated' };
      } catch (error) {
        if (!(error instanceof UpstreamError && error.status === 404)) throw error;
        this.logger.warn(
          `agent ${existingAgentId} of campaign ${pkg.campaign_id} is gone at ElevenLabs; creating a new one`,
        );
      }
    }
    // Other upstream failures answer 502/504 through the exception filter.
    const agentId = await this.elevenlabs.createAgent(configuration);
    return { agent_id: agentId, provisioning: 'created' };
  }
}
