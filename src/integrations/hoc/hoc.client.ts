// HOC's API: the questionnaire of a campaign, and the upload of the built package.
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { hocConfig } from '../../config/namespaces';
import { ApiException } from '../../common/errors/api.exception';
import { requestJson } from '../http-json';
import { UpstreamError } from '../upstream-error';
import { normaliseQuestionnaire, type Questionnaire } from './questionnaire';

@Injectable()
export class HocClient {
  constructor(@Inject(hocConfig.KEY) private readonly config: ConfigType<typeof hocConfig>) {}

  /** HOC's base URL, or a 503 naming the variable when this (non-production) server has none. */
  private base(): string {
    if (this.config.apiUrl) return this.config.apiUrl;
    throw new ApiException({
      status: 503,
      code: 'hoc_not_configured',
      error: 'HOC not configured',
      message:
        'HOC_API_URL is not set; outside production the server calls no HOC unless it is set explicitly',
    });
  }

  private headers(): Record<string, string> {
    return this.config.apiKey ? { Authorization: `Bearer ${this.config.apiKey}` } : {};
  }

  /** `GET /questionnaire/{id}`; null when HOC does not know the campaign (404). */
  async getQuestionnaire(campaignId: string): Promise<Questionnaire | null> {
    const { status, body } = await requestJson<unknown>(
      {
        upstream: 'HOC',
        url: `${this.base()}/questionnaire/${encodeURIComponent(campaignId)}`,
        headers: this.headers(),
        timeoutMs: this.config.timeoutMs,
      },
      [404],
    );
    if (status === 404) return null;
    const questionnaire = normaliseQuestionnaire(body);
    if (!questionnaire)
      throw new UpstreamError('HOC', 'http', 'HOC answered without a question list', status);
    return questionnaire;
  }

  /** `POST /campaigns/{id}/package`. */
  async uploadPackage(campaignId: string, pkg: unknown): Promise<void> {
    await requestJson({
      upstream: 'HOC',
      method: 'POST',
      url: `${this.base()}/campaigns/${encodeURIComponent(campaignId)}/package`,
      headers: this.headers(),
      body: pkg,
      timeoutMs: this.config.timeoutMs,
    });
  }
}
