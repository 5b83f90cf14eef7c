export class WebhookHealthDto {
  /** @example "healthy" */
  status!: 'healthy';
  /** @example "hoc-webhooks" */
  service!: string;
  /** ELEVENLABS_AGENT_ID, or null when unset. @example "agent_2101kab7rs5tefesz0gm66418aw1" */
  agent_id!: string | null;
  /** HOC's API base, or null when this (non-production) server calls no HOC. @example "https://high-office.hirings.cloud/api/v1" */
  hirings_api_url!: string | null;
  /** @example "production" */
  environment!: string;
  /** @example "2026-11-22T10:00:00.000Z" */
  timestamp!: string;
}
