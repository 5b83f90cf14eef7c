// Named API clients and their scopes: API_CLIENTS (JSON) or API_CLIENTS_FILE (the same JSON in a
// mounted file), plus the older API_TOKENS as clients `token-1`, `token-2`, … with every scope.
// A client gives its token in clear (`token`) or only its SHA-256 (`token_sha256`), so the
// configuration need not hold a usable secret. Parsed once at start-up; any mistake stops the start
// with a message naming the client.
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isScope, type Grant } from '../common/auth/principal';

export interface ApiClient {
  name: string;
  /** SHA-256 of the token: what a presented token is compared with. */
  tokenSha256: Buffer;
  scopes: ReadonlySet<Grant>;
}

export class ApiClientsError extends Error {
  override readonly name = 'ApiClientsError';
}

export interface ApiClientsSource {
  API_CLIENTS?: string;
  API_CLIENTS_FILE?: string;
  API_TOKENS: string;
}

const sha256 = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
const SHA256_HEX = /^[0-9a-f]{64}$/i;

/** Every configured client; throws ApiClientsError with one readable line on a mistake. */
export function parseApiClients(source: ApiClientsSource): ApiClient[] {
  const clients = [...configuredClients(source), ...legacyClients(source.API_TOKENS)];
  const names = new Set<string>();
  const digests = new Set<string>();
  for (const client of clients) {
    if (names.has(client.name))
      throw new ApiClientsError(`API_CLIENTS: the name "${client.name}" is used twice`);
    names.add(client.name);
    const digest = client.tokenSha256.toString('hex');
    if (digests.has(digest))
      throw new ApiClientsError(
        `API_CLIENTS: client "${client.name}" has the same token as another client`,
      );
    digests.add(digest);
  }
  return clients;
}

/** The client holding this token, compared in constant time against every client's digest. */
export function findClient(clients: readonly ApiClient[], token: string): ApiClient | undefined {
  const presented = sha256(token);
  let found: ApiClient | undefined;
  for (const client of clients)
    if (timingSafeEqual(presented, client.tokenSha256) && !found) found = client;
  return found;
}

function legacyClients(apiTokens: string): ApiClient[] {
  return apiTokens
    .split(',')
    .map((token) => token.trim())
    .filter(Boolean)
    .map((token, index) => ({
      name: `token-${index + 1}`,
      tokenSha256: sha256(token),
      scopes: new Set<Grant>(['*']),
    }));
}

function configuredClients(source: ApiClientsSource): ApiClient[] {
  const inline = source.API_CLIENTS?.trim();
  const file = source.API_CLIENTS_FILE?.trim();
  if (inline && file) throw new ApiClientsError('Set API_CLIENTS or API_CLIENTS_FILE, not both');
  let text = inline;
  let origin = 'API_CLIENTS';
  if (file) {
    origin = `API_CLIENTS_FILE (${file})`;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new ApiClientsError(`${origin} cannot be read: ${(error as Error).message}`);
    }
  }
  if (!text) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiClientsError(`${origin} is not valid JSON`);
  }
  if (!Array.isArray(parsed))
    throw new ApiClientsError(`${origin} must be a JSON list of {"name","token","scopes"}`);
  return parsed.map((entry, index) => parseClient(entry, `${origin}[${index}]`));
}

function parseClient(entry: unknown, where: string): ApiClient {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
    throw new ApiClientsError(`${where} must be an object`);
  const { name, token, token_sha256: tokenSha256, scopes } = entry as Record<string, unknown>;
  if (typeof name !== 'string' || !/^[\w.@:-]{1,64}$/.test(name))
    throw new ApiClientsError(
      `${where}: "name" must be 1-64 letters, digits or . _ - @ : (it names the client in logs and the audit trail)`,
    );
  const at = `${where} (client "${name}")`;
  if (token !== undefined && tokenSha256 !== undefined)
    throw new ApiClientsError(`${at}: give "token" or "token_sha256", not both`);
  let digest: Buffer;
  if (typeof token === 'string' && token.trim().length >= 16) digest = sha256(token.trim());
  else if (token !== undefined)
    throw new ApiClientsError(`${at}: "token" must be a string of at least 16 characters`);
  else if (typeof tokenSha256 === 'string' && SHA256_HEX.test(tokenSha256))
    digest = Buffer.from(tokenSha256, 'hex');
  else if (tokenSha256 !== undefined)
    throw new ApiClientsError(`${at}: "token_sha256" must be 64 hexadecimal digits`);
  else throw new ApiClientsError(`${at}: needs "token" or "token_sha256"`);
  if (!Array.isArray(scopes) || scopes.length === 0)
    throw new ApiClientsError(`${at}: "scopes" must be a non-empty list`);
  for (const scope of scopes)
    if (scope !== '*' && !(typeof scope === 'string' && isScope(scope)))
      throw new ApiClientsError(`${at}: unknown scope ${JSON.stringify(scope)}`);
  return { name, tokenSha256: digest, scopes: new Set(scopes as Grant[]) };
}
