// `npm run send -- <kind> [--url http://localhost:3000] [--campaign-id 16] [--conversation-id …]
// [--to-number +49…]`: fires one real-format, correctly signed webhook at a running instance,
// with the secrets from the environment (or .env), and prints the answer. The successor of the
// old `test_webhook.py --campaign-id 16`.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildRequest, KINDS, secretsFromEnv, send, type Kind } from './webhooks';

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: 'string', default: 'http://localhost:3000' },
      'campaign-id': { type: 'string', default: '16' },
      'conversation-id': { type: 'string', default: `conv_send_${Date.now().toString(36)}` },
      'to-number': { type: 'string' },
      'record-id': { type: 'string', default: String(Date.now()) },
      'thread-id': { type: 'string', default: `thread_send_${Date.now().toString(36)}` },
    },
  });
  const kind = positionals[0] as Kind | undefined;
  if (!kind || !KINDS.includes(kind)) {
    process.stderr.write(
      `usage: npm run send -- <${KINDS.join('|')}> [--url URL] [--campaign-id ID] [--conversation-id ID] [--to-number E164]\n`,
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
  process.stdout.write(`→ ${request.method} ${new URL(request.path, values.url).toString()}\n`);
  const answer = await send(values.url, request);
  process.stdout.write(`← ${answer.status}\n${JSON.stringify(answer.body, null, 2)}\n`);
  process.exit(answer.status < 400 ? 0 : 1);
}

main().catch((error: Error) => {
  process.stderr.write(`send failed: ${error.message}\n`);
  process.exit(1);
});
