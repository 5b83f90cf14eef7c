// `npm run migrate-env` per old service, on each service's own .env as its documentation gives it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

const root = join(__dirname, '../..');
const fixture = (name: string) => join(root, 'test/fixtures/legacy-env', name);

/** Runs the CLI as an operator would; its stdout parsed as a .env, and the text itself. */
function migrate(service: string, file: string) {
  const text = execFileSync(
    process.execPath,
    ['-r', '@swc-node/register', 'scripts/migrate-env.ts', '--from', service, fixture(file)],
    { cwd: root, encoding: 'utf8' },
  );
  return { env: parseEnv(text) as Record<string, string>, text };
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

const clients = (env: Record<string, string>) =>
  JSON.parse(env.API_CLIENTS) as { name: string; token_sha256: string; scopes: string[] }[];

describe('npm run migrate-env', () => {
  it('setup: API_KEY is HOC’s outbound key, WEBHOOK_SECRET the campaigns-only client; no API_TOKENS', () => {
    const { env, text } = migrate('setup', 'campaign-setup.env');
    expect(env.HOC_API_KEY).toBe('hoc-api-key-placeholder');
    expect(env.HOC_API_URL).toBe('https://high-office.hirings.cloud/api/v1');
    expect(env.HOC_UPLOAD_ENABLED).toBe('true');
    expect(env.ELEVENLABS_API_KEY).toBe('elevenlabs-key-placeholder');
    expect(clients(env)).toEqual([
      {
        name: 'hoc-setup',
        token_sha256: sha256('generated-setup-secret-placeholder'),
        scopes: ['campaigns'],
      },
    ]);
    expect(env.API_TOKENS).toBeUndefined();
    expect(env.SYNC_WEBHOOK_SECRET).toBeUndefined();
    for (const name of ['USE_API_SOURCE', 'API_URL', 'API_STATUS', 'FILTER_TEST_APPLICANTS'])
      expect(text).toMatch(new RegExp(`^#   ${name}: \\S.+`, 'm'));
  });

  it('calls: API_KEY is the inbound bearer, a calls-only client; link mode kept', () => {
    const { env } = migrate('calls', 'call-trigger.env');
    expect(clients(env)).toEqual([
      {
        name: 'hoc-calls',
        token_sha256: sha256('call-trigger-key-placeholder'),
        scopes: ['calls'],
      },
    ]);
    expect(env.HOC_API_KEY).toBeUndefined();
    expect(env.API_TOKENS).toBeUndefined();
    expect(env.CALL_MODE).toBe('link');
    expect(env.LINK_SECRET).toMatch(/^[0-9a-f]{64}$/);
  });

  it('sync: the admin secret is a sync-admin client, signatures keyed as the old service did, port 8000', () => {
    const { env, text } = migrate('sync', 'sync.env');
    expect(clients(env)).toEqual([
      {
        name: 'sync-admin',
        token_sha256: sha256('your-secret-key'),
        scopes: ['sync:admin', 'events:read', 'events:replay'],
      },
    ]);
    expect(env).toMatchObject({
      SUPABASE_URL: 'https://your-project.supabase.co',
      SUPABASE_KEY: 'your-service-role-key',
      SYNC_WEBHOOK_SECRET: 'your-service-role-key',
      NOTION_API_KEY: 'secret_your-notion-integration-key',
      NODE_ENV: 'development',
      VERIFY_WEBHOOK_SIGNATURES: 'true',
      HOST: '0.0.0.0',
      PORT: '8000',
    });
    expect(text).toMatch(/^# {3}NOTION_DATABASE_ID: \S/m);
    expect(text).toMatch(/^# {3}CONFIDENCE_THRESHOLD: \S/m);
  });

  it('post-call: secret and payload directory renamed, port 8000 kept, FastAPI settings listed', () => {
    const { env, text } = migrate('post-call', 'post-call.env');
    expect(env).toMatchObject({
      ELEVENLABS_WEBHOOK_SECRETS: 'your_hmac_secret_key_from_elevenlabs',
      PAYLOAD_DIR: './payloads',
      LOG_LEVEL: 'info',
      PORT: '8000',
    });
    expect(env.API_CLIENTS).toBeUndefined();
    for (const name of ['APP_NAME', 'APP_VERSION', 'DEBUG', 'NGROK_AUTHTOKEN'])
      expect(text).toMatch(new RegExp(`^#   ${name}: \\S.+`, 'm'));
  });

  it('booking: the GoHighLevel secret becomes the booking webhook secret', () => {
    const { env } = migrate('booking', 'booking.env');
    expect(env).toEqual({
      PORT: '3000',
      BOOKING_WEBHOOK_SECRET: 'optional-signature-secret-placeholder',
      LOG_LEVEL: 'info',
    });
  });

  it('an unknown service is refused with the list of services', () => {
    expect(() =>
      execFileSync(
        process.execPath,
        [
          '-r',
          '@swc-node/register',
          'scripts/migrate-env.ts',
          '--from',
          'nope',
          fixture('booking.env'),
        ],
        { cwd: root, encoding: 'utf8', stdio: 'pipe' },
      ),
    ).toThrow(/setup\|calls\|sync\|post-call\|booking/);
  });
});
