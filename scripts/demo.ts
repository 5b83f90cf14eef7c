// `npm run demo`: the app on the embedded database with loopback stand-ins for HOC, ElevenLabs,
// Supabase, Notion, the booking workflow and GoHighLevel, walking the whole story once; then it
// keeps serving until Ctrl-C. Offline: nothing leaves 127.0.0.1.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/bootstrap/configure-app';
import { validateEnv } from '../src/config/validate-env';
import { FakeElevenLabs } from '../tools/fakes/elevenlabs.fake';
import { FakeGhl } from '../tools/fakes/ghl.fake';
import { FakeHoc } from '../tools/fakes/hoc.fake';
import { FakeNotion } from '../tools/fakes/notion.fake';
import { FakeSupabase } from '../tools/fakes/supabase.fake';
import { FakeWorkflow } from '../tools/fakes/workflow.fake';
import { buildRequest, send, type Kind, type Secrets } from './webhooks';

const PORT = Number(process.env.PORT ?? 3000);
const BASE = `http://localhost:${PORT}`;
const SECRETS: Required<Secrets> = {
  apiToken: 'demo-token',
  elevenlabs: 'demo-elevenlabs-secret',
  sync: 'demo-sync-secret',
  notion: 'demo-notion-token',
  booking: 'demo-booking-secret',
};

const bold = (text: string) => `\x1b[1m${text}\x1b[0m`;
const say = (text: string) => process.stdout.write(`${text}\n`);
const step = (n: number, text: string) => say(`\n${bold(`${n}. ${text}`)}`);
const show = (value: unknown) =>
  say(
    JSON.stringify(value, null, 2)
      .split('\n')
      .map((line) => `   ${line}`)
      .join('\n'),
  );
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function get(path: string): Promise<any> {
  const res = await fetch(`${BASE}${path}`, {
    headers: { authorization: `Bearer ${SECRETS.apiToken}` },
  });
  return res.json();
}

async function fire(
  kind: Kind,
  options: Partial<Parameters<typeof buildRequest>[1]> = {},
): Promise<any> {
  const request = buildRequest(
    kind,
    {
      campaignId: '123',
      conversationId: 'conv_demo',
      recordId: '42',
      threadId: 'demo_thread',
      ...options,
    },
    SECRETS,
  );
  const answer = await send(BASE, request);
  say(`   ${request.method} ${request.path} → ${answer.status}`);
  return answer.body;
}

async function until<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('the demo waited too long for processing');
    await sleep(200);
  }
}

async function main(): Promise<void> {
  const hoc = await new FakeHoc().start();
  const elevenlabs = await new FakeElevenLabs().start();
  const supabase = await new FakeSupabase().start();
  const notion = await new FakeNotion().start();
  const workflow = await new FakeWorkflow().start();
  const ghl = await new FakeGhl().start();
  supabase.put('applicants', {
    id: 42,
    name: 'Anna Schmidt',
    status: 'screened',
    updated_at: new Date().toISOString(),
  });
  notion.put({
    ...(JSON.parse(JSON.stringify(await import('../src/docs/examples/notion/page.json'))) as Record<
      string,
      unknown
    >),
    last_edited_time: new Date().toISOString(),
  });

  // The demo's own settings only (a DATABASE_URL or secret of the shell does not leak in).
  const env = validateEnv({
    NODE_ENV: 'development',
    PORT: String(PORT),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    // A fresh embedded database per run, so the story starts from nothing every time.
    DATA_DIR: process.env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'hoc-demo-')),
    PUBLIC_BASE_URL: BASE,
    API_TOKENS: SECRETS.apiToken,
    ELEVENLABS_WEBHOOK_SECRETS: SECRETS.elevenlabs,
    SYNC_WEBHOOK_SECRET: SECRETS.sync,
    NOTION_VERIFICATION_TOKEN: SECRETS.notion,
    BOOKING_WEBHOOK_SECRET: SECRETS.booking,
    LINK_SECRET: 'demo-link-secret',
    CALL_MODE: 'phone',
    HOC_API_URL: hoc.url,
    HOC_API_KEY: hoc.apiKey,
    HOC_UPLOAD_ENABLED: 'true',
    ELEVENLABS_API_URL: elevenlabs.url,
    ELEVENLABS_API_KEY: elevenlabs.apiKey,
    ELEVENLABS_AGENT_ID: 'agent_demo_susi',
    ELEVENLABS_PHONE_NUMBER_ID: 'phnum_demo',
    SUPABASE_URL: supabase.url,
    SUPABASE_KEY: supabase.apiKey,
    NOTION_API_URL: notion.url,
    NOTION_API_KEY: notion.apiKey,
    BOOKING_WORKFLOW_URL: workflow.endpoint,
    GHL_API_URL: ghl.url,
    GHL_API_TOKEN: ghl.token,
  });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(env), {
    bodyParser: false,
    bufferLogs: true,
  });
  await configureApp(app);
  await app.listen(PORT, '127.0.0.1');
  say(bold(`HOC webhooks demo — app on ${BASE}, upstream stand-ins on 127.0.0.1`));

  step(1, 'HOC sets up campaign 123: the questionnaire becomes the voice agent’s script');
  const setup = await fire('setup-campaign');
  show({
    package_id: setup.package_id,
    question_count: setup.question_count,
    upload: setup.upload,
  });
  const pkg = await get('/campaigns/123/package');
  for (const q of pkg.questions) say(`   ${q.order}. ${q.text}`);

  step(2, 'HOC asks for a call to Max Mustermann: ElevenLabs dials (Twilio)');
  const call = await fire('trigger-call', { toNumber: '+491701234567' });
  show({ conversation_id: call.data.conversation_id, first_message: call.data.first_message });
  const conversationId = call.data.conversation_id as string;
  say('   …and a browser talk link for a candidate without a phone number:');
  const link = await fire('trigger-call');
  say(`   ${link.data.conversation_link}`);

  step(3, 'ElevenLabs posts the signed transcription and the audio (stored before the 200)');
  await fire('post-call-transcription', { conversationId });
  await fire('post-call-audio', { conversationId });

  step(4, `GET /calls/${conversationId}: the answers on the call, mapped by a job`);
  const result = await until(async () => {
    const c = (await get(`/calls/${conversationId}`)).data;
    return c?.status === 'completed' && c.artefacts?.audio ? c : undefined;
  });
  show({
    status: result.status,
    summary: result.results.summary,
    answers: result.results.answers.map((a: any) => ({ question: a.question, value: a.value })),
    artefacts: Object.keys(result.artefacts),
  });

  step(5, 'Supabase and Notion report changes; each is verified against its source');
  await fire('supabase', { recordId: '42' });
  await fire('notion');
  const stats = await until(async () => {
    const s = await get('/api/v1/webhooks/stats');
    return s.queued === 0 && s.total_processed >= 2 ? s : undefined;
  });
  show(stats);

  step(6, 'A WhatsApp message for the booking agent');
  await fire('booking', { threadId: 'demo_thread' });
  const thread = await until(async () => {
    const t = await get('/booking/threads/demo_thread');
    return t.messages?.length >= 2 ? t : undefined;
  });
  for (const m of thread.messages)
    say(`   ${m.direction === 'inbound' ? '→' : '←'} ${m.message}  (${m.status})`);

  say(`\n${bold('Open:')}`);
  say(`   API docs      ${BASE}/docs   (Authorize with bearer token "${SECRETS.apiToken}")`);
  say(`   talk page     ${link.data.conversation_link}`);
  say(`   readiness     ${BASE}/health/ready`);
  say(`   metrics       ${BASE}/metrics`);
  say('\nServing until Ctrl-C.');
  const stop = async () => {
    await app.close();
    await Promise.all(
      [hoc, elevenlabs, supabase, notion, workflow, ghl].map((fake) => fake.stop()),
    );
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: Error) => {
  process.stderr.write(`demo failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
