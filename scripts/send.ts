// `npm run send -- <kind> [options]`: fires one real-format, correctly signed webhook (or a
// health check) at a running instance, with the secrets from the environment (or .env), and
// prints the answer. The successor of the old `test_webhook.py --campaign-id 16`.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildRequest, KINDS, secretsFromEnv, send, SEND_TIMEOUT_MS, type Kind } from './webhooks';

const KIND_HELP: Record<Kind, string> = {
  health: 'GET /health/ready: is the instance up, and its database, queue and disk?',
  'setup-campaign': 'build campaign --campaign-id from HOC (API_TOKENS)',
  'trigger-call': 'call --to-number (server on CALL_MODE=phone), else a talk link (API_TOKENS)',
  'post-call-transcription':
    'ElevenLabs transcription for --conversation-id (ELEVENLABS_WEBHOOK_SECRETS)',
  'post-call-audio': 'ElevenLabs audio for --conversation-id (ELEVENLABS_WEBHOOK_SECRETS)',
  'post-call-failure': 'ElevenLabs call initiation failure (ELEVENLABS_WEBHOOK_SECRETS)',
  supabase: 'Supabase INSERT of --record-id (SYNC_WEBHOOK_SECRET)',
  notion: 'Notion page.created event (NOTION_VERIFICATION_TOKEN)',
  booking: 'WhatsApp booking message in --thread-id (BOOKING_WEBHOOK_SECRET)',
};

function usage(defaultUrl: string): string {
  const width = Math.max(...KINDS.map((k) => k.length));
  return [
    'usage: npm run send -- <kind> [options]',
    '',
    'kinds:',
    ...KINDS.map((k) => `  ${k.padEnd(width)}  ${KIND_HELP[k]}`),
    '',
    'options:',
    `  --url URL               instance to send to (default ${defaultUrl}: PORT from .env or the environment)`,
    '  --campaign-id ID        default 16',
    '  --conversation-id ID    default a new conv_send_… id',
    '  --to-number E164        trigger-call: the number to dial (ignored unless CALL_MODE=phone)',
    '  --record-id ID          supabase: the row id',
    '  --thread-id ID          booking: the thread',
    '  -h, --help              this text',
    '',
    'Secrets come from the environment or .env, as the app reads them.',
  ].join('\n');
}

/** What a failed fetch means to the person who ran the command. */
export function explainFailure(error: unknown, url: string): string {
  const cause = (error as { cause?: { code?: string } })?.cause;
  const code = cause?.code ?? (error as { code?: string })?.code;
  const name = (error as { name?: string })?.name;
  if (code === 'ECONNREFUSED')
    return `Nothing answers at ${url} (connection refused). Is the app running? Start it with \`npm start\`, or pass --url.`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `Cannot resolve the host of ${url} (${code}). Check --url.`;
  if (name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT')
    return `No answer from ${url} within ${SEND_TIMEOUT_MS / 1000} s.`;
  if (code === 'ECONNRESET') return `${url} closed the connection before answering.`;
  return `Request to ${url} failed: ${error instanceof Error ? error.message : String(error)}${code ? ` (${code})` : ''}`;
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const defaultUrl = `http://localhost:${process.env.PORT || 3000}`;
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        url: { type: 'string', default: defaultUrl },
        'campaign-id': { type: 'string', default: '16' },
        'conversation-id': { type: 'string', default: `conv_send_${Date.now().toString(36)}` },
        'to-number': { type: 'string' },
        'record-id': { type: 'string', default: String(Date.now()) },
        'thread-id': { type: 'string', default: `thread_send_${Date.now().toString(36)}` },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage(defaultUrl)}\n`);
    process.exit(2);
  }
  const { positionals, values } = parsed;
  if (values.help) {
    process.stdout.write(`${usage(defaultUrl)}\n`);
    process.exit(0);
  }
  const kind = positionals[0] as Kind | undefined;
  if (!kind || !KINDS.includes(kind)) {
    process.stderr.write(
      `${kind ? `unknown kind "${kind}"` : 'no kind given'}\n\n${usage(defaultUrl)}\n`,
    );
    process.exit(2);
  }
  const request = buildRequest(
    kind,
    {
      campaignId: values['campaign-id'],
      conversationId: values['conversation-id'],
      toNumber: values['to-number'],
      recordId: values['record-id'],
      threadId: values['thread-id'],
    },
    secretsFromEnv(process.env),
  );
  const target = new URL(request.path, values.url).toString();
  process.stdout.write(`→ ${request.method} ${target}\n`);
  let answer;
  try {
    answer = await send(values.url, request);
  } catch (error) {
    process.stderr.write(`${explainFailure(error, values.url)}\n`);
    process.exit(1);
  }
  process.stdout.write(`← ${answer.status}\n${JSON.stringify(answer.body, null, 2)}\n`);
  process.exit(answer.status < 400 ? 0 : 1);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `send failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
