// What a start without some secret means for each route, said as it is: a route that needs the
// missing secret refuses requests; a route that runs unsigned without it is public.
// main.ts logs these once (development; production refuses to start instead, see validate-env).
import { resolveEnvAliases } from './env-aliases';
import type { EnvironmentVariables } from './env.schema';
import { legacyNameWarnings } from './legacy-names';

const blank = (value: string) => value.trim() === '';

/** A note, every start, when API_TOKENS grants every scope to unnamed clients. */
export function legacyTokenNote(env: EnvironmentVariables): string | undefined {
  if (blank(env.API_TOKENS)) return undefined;
  return 'API_TOKENS: each token acts as a client named token-1, token-2, … with every scope (*); name your clients and narrow their scopes with API_CLIENTS (docs/security.md)';
}

export function routeWarnings(env: EnvironmentVariables): string[] {
  const warnings: string[] = [];
  if (blank(env.API_TOKENS) && blank(env.API_CLIENTS ?? '') && blank(env.API_CLIENTS_FILE ?? ''))
    warnings.push(
      'API_TOKENS is not set: every bearer route (setup-campaign, trigger-call, /webhook, /echo, /calls, /campaigns, the /api/v1/webhooks admin routes, /booking/threads) REFUSES requests with 401',
    );
  if (blank(env.ELEVENLABS_WEBHOOK_SECRETS))
    warnings.push(
      'ELEVENLABS_WEBHOOK_SECRETS is not set: POST /webhook/post-call REFUSES requests with 401',
    );
  if (!env.VERIFY_WEBHOOK_SIGNATURES) {
    warnings.push(
      'VERIFY_WEBHOOK_SIGNATURES=false: POST /api/v1/webhooks/supabase and /api/v1/webhooks/notion are PUBLIC (no signature or secret is checked)',
    );
  } else {
    if (blank(env.SYNC_WEBHOOK_SECRET))
      warnings.push(
        'SYNC_WEBHOOK_SECRET is not set: POST /api/v1/webhooks/supabase REFUSES requests with 401, and so does /api/v1/webhooks/notion for envelopes signed with X-Webhook-Signature',
      );
    if (blank(env.NOTION_VERIFICATION_TOKEN))
      warnings.push(
        "NOTION_VERIFICATION_TOKEN is not set: POST /api/v1/webhooks/notion accepts Notion's handshake but REFUSES its X-Notion-Signature events with 401",
      );
  }
  if (blank(env.BOOKING_WEBHOOK_SECRET) && blank(env.GHL_WEBHOOK_PUBLIC_KEY))
    warnings.push(
      'BOOKING_WEBHOOK_SECRET and GHL_WEBHOOK_PUBLIC_KEY are not set: POST /booking/webhook is PUBLIC (unsigned messages are accepted)',
    );
  if (blank(env.LINK_SECRET))
    warnings.push(
      'LINK_SECRET is not set: POST /webhook/trigger-call without to_number (talk-link mode) answers 503',
    );
  return warnings;
}

/** One line per old variable name in the environment: its successor, or why it is not read. */
export function deprecationWarnings(raw: Record<string, unknown>): string[] {
  return [...resolveEnvAliases(raw).warnings, ...legacyNameWarnings(raw)];
}
