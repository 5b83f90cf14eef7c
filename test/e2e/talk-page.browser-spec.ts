// The candidate's talk page in headless Chromium with a fake microphone, the real pinned widget
// (not a stub) served from our origin, and the page's real Content-Security-Policy. ElevenLabs is
// the fake: the browser's requests to api.elevenlabs.io and the widget's WebSocket are routed to
// it by Playwright, so the CSP still judges the real URLs and nothing leaves the machine. The
// screenshot stays in .ci/out as a test artefact.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { FakeElevenLabs } from '../../tools/fakes/elevenlabs.fake';
import { FakeHoc } from '../../tools/fakes/hoc.fake';
import { launchBrowser } from '../support/browser';
import { bearer, eventually, startTestApp, type TestApp } from '../support/test-app';
import type { Json } from '../../tools/json';

const ARTEFACTS = join(__dirname, '..', '..', '.ci', 'out');
const WIDGET_VERSION = (
  JSON.parse(
    readFileSync(require.resolve('@elevenlabs/convai-widget-embed/package.json'), 'utf8'),
  ) as { version: string }
).version;
// A 1×1 PNG for the widget's avatar texture (storage.googleapis.com/eleven-public-cdn).
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

interface Observed {
  console: string[];
  violations: string[];
  requests: string[];
  initiation?: Json;
  audioChunks: number;
}

describe('talk page in Chromium (e2e)', () => {
  const hoc = new FakeHoc();
  const elevenlabs = new FakeElevenLabs();
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    await Promise.all([hoc.start(), elevenlabs.start()]);
    t = await startTestApp({
      HOC_API_URL: hoc.url,
      HOC_API_KEY: hoc.apiKey,
      ELEVENLABS_API_URL: elevenlabs.url,
      ELEVENLABS_API_KEY: elevenlabs.apiKey,
      ELEVENLABS_TIMEOUT_MS: '2000',
    });
    browser = await launchBrowser([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
    ]);
    await request(t.url).post('/webhook/setup-campaign').set(bearer).send({ campaign_id: '123' });
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
    await Promise.all([hoc.stop(), elevenlabs.stop()]);
  });

  async function talkLink(): Promise<{ path: string; conversationId: string; data: Json }> {
    const res = await request(t.url)
      .post('/webhook/trigger-call')
      .set(bearer)
      .send({
        campaign_id: '123',
        company_name: 'Robert Bosch Krankenhaus',
        candidate_first_name: 'Max',
        candidate_last_name: 'Mustermann',
      })
      .expect(200);
    return {
      path: new URL(res.body.data.conversation_link as string).pathname,
      conversationId: res.body.data.conversation_id as string,
      data: res.body.data as Json,
    };
  }

  /** A phone-sized context whose ElevenLabs traffic goes to the fake; everything is observed. */
  async function openPage(
    options: { csp?: (csp: string) => string; beforeGoto?: (page: Page) => Promise<unknown> } = {},
  ): Promise<{ context: BrowserContext; page: Page; seen: Observed; link: Json }> {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'de-DE',
      permissions: ['microphone'],
    });
    const seen: Observed = { console: [], violations: [], requests: [], audioChunks: 0 };
    await context.route(/^https:\/\/api\.elevenlabs\.io\//, async (route) => {
      const url = new URL(route.request().url());
      const answer = await fetch(`${elevenlabs.url}${url.pathname}${url.search}`);
      await route.fulfill({
        status: answer.status,
        headers: { 'content-type': 'application/json', 'access-control-allow-origin': '*' },
        body: Buffer.from(await answer.arrayBuffer()),
      });
    });
    await context.route(/^https:\/\/storage\.googleapis\.com\/eleven-public-cdn\//, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'image/png',
        headers: { 'access-control-allow-origin': '*' },
        body: PIXEL,
      }),
    );
    if (options.csp) {
      const rewrite = options.csp;
      await context.route(/\/talk\/[^/]+$/, async (route) => {
        const response = await route.fetch();
        const headers = response.headers();
        headers['content-security-policy'] = rewrite(headers['content-security-policy']);
        await route.fulfill({ response, headers });
      });
    }
    const page = await context.newPage();
    await page.routeWebSocket(/^wss:\/\/api\.elevenlabs\.io\//, (ws) => {
      ws.onMessage((message) => {
        const parsed = JSON.parse(message.toString()) as Json;
        if (parsed.type === 'conversation_initiation_client_data') {
          seen.initiation = parsed;
          ws.send(
            JSON.stringify({
              type: 'conversation_initiation_metadata',
              conversation_initiation_metadata_event: {
                conversation_id: 'conv_widget_e2e',
                agent_output_audio_format: 'pcm_16000',
                user_input_audio_format: 'pcm_16000',
              },
            }),
          );
        } else if ('user_audio_chunk' in parsed) {
          seen.audioChunks += 1;
        }
      });
    });
    page.on('console', (message) => {
      if (message.type() === 'error') seen.console.push(message.text());
    });
    page.on('pageerror', (error) => seen.console.push(`pageerror: ${error.message}`));
    page.on('request', (req) => seen.requests.push(req.url()));
    await page.exposeFunction('__reportViolation', (text: string) => seen.violations.push(text));
    // In the page (a string: this file is compiled without the DOM's types).
    await page.addInitScript(`document.addEventListener('securitypolicyviolation', (e) =>
      window.__reportViolation(e.effectiveDirective + ' ' + e.blockedURI), true);`);
    await options.beforeGoto?.(page);
    const link = await talkLink();
    const response = await page.goto(`${t.url}${link.path}`);
    expect(response?.status()).toBe(200);
    return { context, page, seen, link };
  }

  it('loads the pinned widget without a CSP violation, starts a call and streams microphone audio', async () => {
    const { context, page, seen, link } = await openPage();
    try {
      const start = page.getByRole('button', { name: 'Gespräch starten' });
      await start.first().waitFor({ state: 'visible', timeout: 15_000 });
      await page.locator('#conversation[data-state="ready"]').waitFor({ state: 'attached' });
      expect(await page.locator('h1').textContent()).toBe('Hallo Max!');
      expect(await page.locator('#intro').textContent()).toContain(
        'Recruiting-Assistentin von Robert Bosch Krankenhaus',
      );
      expect(await page.locator('#privacy').textContent()).toContain('aufgezeichnet');
      expect(await page.locator('#fallback').isHidden()).toBe(true);
      mkdirSync(ARTEFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTEFACTS, 'talk-page.png'), fullPage: true });

      // The widget came from our origin, pinned, and nothing went anywhere else.
      expect(seen.requests).toContain(`${t.url}/talk/assets/convai-widget-${WIDGET_VERSION}.js`);
      expect(seen.requests.some((url) => /unpkg|jsdelivr|fonts\.g/.test(url))).toBe(false);

      await start.first().click();
      await eventually(async () => seen.audioChunks > 0, 20_000);
      expect(seen.initiation).toMatchObject({
        dynamic_variables: {
          candidate_first_name: 'Max',
          candidate_last_name: 'Mustermann',
          company_name: 'Robert Bosch Krankenhaus',
          campaign_id: '123',
          conversation_reference: link.conversationId,
        },
        conversation_config_override: {
          agent: {
            first_message: link.data.first_message,
            language: 'de',
            prompt: {
              prompt: expect.stringContaining(
                'Du bist Susi, die digitale Recruiting-Assistentin von Robert Bosch Krankenhaus.',
              ),
            },
          },
        },
      });
      expect(
        (seen.initiation!.conversation_config_override.agent.prompt.prompt as string).length,
      ).toBe(link.data.prompt_length);
      expect(await page.getByText('worklet').count()).toBe(0);
      expect(seen.violations).toEqual([]);
      expect(seen.console).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("control: without blob: in script-src the widget cannot load its audio worklet (the issue's failure)", async () => {
    const { context, page, seen } = await openPage({
      csp: (csp) => csp.replace("script-src 'self' blob:", "script-src 'self'"),
    });
    try {
      const start = page.getByRole('button', { name: 'Gespräch starten' });
      await start.first().waitFor({ state: 'visible', timeout: 15_000 });
      await start.first().click();
      // The symptom, reproduced: the widget connects, then cannot load its worklet.
      // (Input and output worklets load together; whichever fails first is reported.)
      await eventually(async () => seen.initiation, 20_000);
      await page
        .getByText(/Failed to load the (rawAudioProcessor|audioConcatProcessor) worklet module/)
        .waitFor({ state: 'visible', timeout: 20_000 });
      expect(seen.initiation).toBeDefined();
      expect(seen.audioChunks).toBe(0);
      // …and the violation listener the first test relies on does hear the page's CSP.
      await page.evaluate(`fetch('https://elsewhere.example/').catch(() => undefined)`);
      await eventually(async () =>
        seen.violations.includes('connect-src https://elsewhere.example/'),
      );
    } finally {
      await context.close();
    }
  });

  it('shows the fallback message when the widget cannot load', async () => {
    const { context, page } = await openPage({
      beforeGoto: (p) => p.route(/\/talk\/assets\/convai-widget-/, (route) => route.abort()),
    });
    try {
      const fallback = page.locator('#fallback');
      await fallback.waitFor({ state: 'visible', timeout: 10_000 });
      expect(await fallback.textContent()).toContain(
        'Das Gespräch kann gerade nicht geladen werden',
      );
      expect(await page.locator('#conversation').getAttribute('data-state')).toBe('failed');
    } finally {
      await context.close();
    }
  });

  it('shows the fallback message when the widget loads but ElevenLabs does not answer', async () => {
    const { context, page } = await openPage({
      beforeGoto: async (p) => {
        await p.clock.install();
        await p.route(/^https:\/\/api\.elevenlabs\.io\/.*\/widget$/, (route) =>
          route.fulfill({ status: 503, body: '{}' }),
        );
      },
    });
    try {
      await page.clock.fastForward(15_000);
      await page.locator('#fallback').waitFor({ state: 'visible', timeout: 10_000 });
    } finally {
      await context.close();
    }
  });

  it('serves the widget immutable under its version and 404s unknown assets', async () => {
    const res = await request(t.url)
      .get(`/talk/assets/convai-widget-${WIDGET_VERSION}.js`)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.text).toContain('elevenlabs-convai');
    expect(res.text).not.toContain('fonts.googleapis.com');
    await request(t.url).get('/talk/assets/other.js').expect(404);
  });
});
