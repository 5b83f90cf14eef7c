/* eslint-disable */
export default async () => {
  const t = {
    ['./post-call/dto/generic-event.dto']: await import('./post-call/dto/generic-event.dto'),
    ['./health/dto/webhook-health.dto']: await import('./health/dto/webhook-health.dto'),
  };
  return {
    '@nestjs/swagger': {
      models: [
        [
          import('./common/errors/error-response.dto'),
          {
            ErrorResponseDto: {
              status: { required: true, type: () => String },
              error: { required: true, type: () => String },
              code: { required: true, type: () => String },
              message: { required: true, type: () => String },
              details: { required: true, type: 'object', additionalProperties: true },
              request_id: { required: true, type: () => String },
              timestamp: { required: true, type: () => String },
            },
          },
        ],
        [
          import('./health/dto/webhook-health.dto'),
          {
            WebhookHealthDto: {
              status: { required: true, type: () => String, example: 'healthy' },
              service: { required: true, type: () => String, example: 'hoc-webhooks' },
              agent_id: {
                required: true,
                type: () => String,
                nullable: true,
                description: 'ELEVENLABS_AGENT_ID, or null when unset.',
                example: 'agent_2101kab7rs5tefesz0gm66418aw1',
              },
              hirings_api_url: {
                required: true,
                type: () => String,
                example: 'https://high-office.hirings.cloud/api/v1',
              },
              environment: { required: true, type: () => String, example: 'production' },
              timestamp: {
                required: true,
                type: () => String,
                example: '2026-11-22T10:00:00.000Z',
              },
            },
          },
        ],
        [
          import('./post-call/dto/generic-event.dto'),
          {
            GenericEventDto: {
              event_type: {
                required: true,
                type: () => String,
                description: 'What happened, e.g. `user_signup`.',
                example: 'user_signup',
                maxLength: 100,
                pattern: '^[A-Za-z0-9_.:-]+$',
              },
              data: {
                required: false,
                type: 'object',
                additionalProperties: true,
                example: { email: 'user@example.com', name: 'John Doe' },
              },
              timestamp: {
                required: false,
                type: () => String,
                description: 'ISO 8601.',
                example: '2026-11-20T15:00:00Z',
              },
              user_id: { required: false, type: () => String, example: 'user_123', maxLength: 200 },
            },
            GenericEventResultDataDto: {
              processed: { required: true, type: () => Boolean },
              event_type: { required: true, type: () => String, example: 'user_signup' },
              event_id: {
                required: true,
                type: () => String,
                description: 'Id of the stored event.',
              },
              duplicate: {
                required: true,
                type: () => Boolean,
                description:
                  'True when the same body was delivered before (Idempotency by content).',
              },
            },
            GenericEventResponseDto: {
              status: { required: true, type: () => String, example: 'success' },
              message: {
                required: true,
                type: () => String,
                example: 'Payload of type user_signup processed successfully',
              },
              request_id: { required: true, type: () => String },
              data: {
                required: true,
                type: () => t['./post-call/dto/generic-event.dto'].GenericEventResultDataDto,
              },
            },
            EchoResponseDto: {
              status: { required: true, type: () => String, example: 'success' },
              message: { required: true, type: () => String, example: 'Echo' },
              request_id: { required: true, type: () => String },
              data: {
                required: true,
                type: () => t['./post-call/dto/generic-event.dto'].GenericEventDto,
                description: 'The validated payload.',
              },
            },
          },
        ],
      ],
      controllers: [
        [
          import('./health/health.controller'),
          {
            HealthController: {
              liveness: { type: Object },
              readiness: { type: Object },
              webhookHealth: { type: t['./health/dto/webhook-health.dto'].WebhookHealthDto },
              prometheus: { type: String },
            },
          },
        ],
        [
          import('./post-call/generic-webhook.controller'),
          {
            GenericWebhookController: {
              receive: { type: t['./post-call/dto/generic-event.dto'].GenericEventResponseDto },
              echo: { type: t['./post-call/dto/generic-event.dto'].EchoResponseDto },
            },
          },
        ],
      ],
    },
  };
};
