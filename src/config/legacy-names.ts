// Old variable names this backend never reads, because reading them would be a guess or would
// widen who may call the API: API_KEY and WEBHOOK_SECRET meant different things in different old
// services, and the old inbound bearer tokens would become all-powerful tokens here. Set without
// the new names, development warns (naming both meanings and what to set) and production refuses
// to start; the set-up service's questionnaire-source settings are warned about with the reason.
import { SETUP_ONLY_VARIABLES } from './legacy-services';

type RawEnv = Record<string, unknown>;

interface AmbiguousName {
  old: string;
  /** Its meanings, one per old service, each with the new name to set. */
  meanings: string;
  /** Set, any of these means the operator has migrated: the old name is then just unread. */
  successors: string[];
}

export const AMBIGUOUS_NAMES: readonly AmbiguousName[] = [
  {
    old: 'API_KEY',
    meanings:
      "in the campaign set-up service it was HOC's API key sent to HOC (set HOC_API_KEY), in the call trigger service the bearer its callers sent (give it to a client in API_CLIENTS with scope calls)",
    successors: ['HOC_API_KEY', 'API_CLIENTS', 'API_TOKENS'],
  },
  {
    old: 'WEBHOOK_SECRET',
    meanings:
      "in the campaign set-up service it was the bearer HOC's front end sent to /webhook/setup-campaign (give it to a client in API_CLIENTS with scope campaigns), in the sync service the HMAC key of X-Webhook-Signature (set SYNC_WEBHOOK_SECRET)",
    successors: ['SYNC_WEBHOOK_SECRET', 'API_CLIENTS', 'API_TOKENS'],
  },
];

/** Old inbound bearer tokens: one meaning each, but read as tokens they would open every route. */
export const UNREAD_TOKENS: Record<string, string> = {
  WEBHOOK_API_KEY: 'the call trigger service’s inbound bearer (scope calls)',
  API_SECRET_KEY: 'the sync service’s admin secret (scopes sync:admin, events:read, events:replay)',
};

const MIGRATE = 'npm run migrate-env -- --from <service> <old .env> writes the new names';

const isSet = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Old names that are ambiguous here: set, and none of their new names is. */
export function ambiguousNames(raw: RawEnv): AmbiguousName[] {
  return AMBIGUOUS_NAMES.filter(
    (name) => isSet(raw[name.old]) && !name.successors.some((s) => isSet(raw[s])),
  );
}

/** Why production refuses to start, in one line naming the variable; null when nothing is ambiguous. */
export function ambiguityRefusal(raw: RawEnv): string | null {
  const [first, ...rest] = ambiguousNames(raw);
  if (!first) return null;
  const also = rest.length ? ` (and ${rest.map((n) => n.old).join(', ')} likewise)` : '';
  return `Refusing to start in production: ${first.old} is ambiguous and is not read: ${first.meanings}; set the new name and remove ${first.old}${also}. ${MIGRATE}.`;
}

/** Start-up warnings (development) for every old name set that this backend does not read. */
export function legacyNameWarnings(raw: RawEnv): string[] {
  const warnings: string[] = [];
  const ambiguous = ambiguousNames(raw);
  for (const name of AMBIGUOUS_NAMES) {
    if (!isSet(raw[name.old])) continue;
    if (ambiguous.includes(name))
      warnings.push(
        `${name.old} is ambiguous and is NOT read (production refuses to start with it): ${name.meanings}. ${MIGRATE}`,
      );
    else warnings.push(`${name.old} is not read (its new names are set): remove it`);
  }
  for (const [old, meaning] of Object.entries(UNREAD_TOKENS)) {
    if (isSet(raw[old]))
      warnings.push(
        `${old} is NOT read: it was ${meaning}; a token of an old service grants nothing here until it is given to a named client in API_CLIENTS. ${MIGRATE}`,
      );
  }
  for (const [old, reason] of Object.entries(SETUP_ONLY_VARIABLES)) {
    if (isSet(raw[old])) warnings.push(`${old} (campaign set-up service) is not read: ${reason}`);
  }
  return warnings;
}
