// Link mode: trigger-call without a number answers a signed talk link, whose page serves the
// ElevenLabs widget with the campaign's agent and the call's script; a bad token is a 404 page.
// In Chromium, against fake HOC and ElevenLabs (the widget itself: talk-page.browser-spec.ts).
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { useCallsApp } from '../support/calls-app';
import { candidate as candidateWith } from '../support/factories';
import type { Json } from '../../tools/json';

describe('link mode and the talk page (browser)', () => {
  const s = useCallsApp();
  const { elevenlabs, setup, trigger } = s;
  const candidate = candidateWith();

  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('creates a signed talk link and serves the widget page in Chromium', async () => {
    // The campaign's package, whose provisioned agent the widget must name.
    const pkg = (await setup({ campaign_id: '123' }).expect(200)).body;
    const res = await trigger(candidate).expect(200);
    expect(res.body).toMatchObject({
      message: 'Outbound call initiated successfully',
      data: {
        mode: 'link',
        call_status: 'link_created',
        to_number: null,
        conversation_link: expect.stringMatching(/^http:\/\/hoc\.example\.test\/talk\//),
      },
    });
    const path = new URL(res.body.data.conversation_link as string).pathname;
    const page = await browser.newPage();
    try {
      const response = await page.goto(`${s.t.url}${path}`);
      expect(response?.status()).toBe(200);
      expect(await page.locator('h1').textContent()).toBe('Hallo Max!');
      expect(await page.locator('#intro').textContent()).toContain(
        'Susi, die digitale Recruiting-Assistentin von Tech Startup GmbH',
      );
      const widget = page.locator('elevenlabs-convai');
      // The campaign's provisioned agent, not ELEVENLABS_AGENT_ID.
      expect(await widget.getAttribute('agent-id')).toBe(pkg.agent_id);
      expect(await widget.getAttribute('override-language')).toBe('de');
      expect((await widget.getAttribute('override-prompt'))?.length).toBe(
        res.body.data.prompt_length,
      );
      expect(JSON.parse((await widget.getAttribute('dynamic-variables')) ?? '{}')).toEqual({
        candidate_first_name: 'Max',
        candidate_last_name: 'Mustermann',
        company_name: 'Tech Startup GmbH',
        campaign_id: '123',
        conversation_reference: res.body.data.conversation_id,
      });
      expect(await widget.getAttribute('override-first-message')).toBe(res.body.data.first_message);
      expect(await page.getAttribute('html', 'lang')).toBe('de');
    } finally {
      await page.close();
    }
    expect(elevenlabs.calls().filter((c) => (c.json as Json).to_number === undefined)).toHaveLength(
      0,
    );
  });

  it('answers a tampered, truncated or unknown token with a 404 page', async () => {
    const res = await trigger(candidate).expect(200);
    const token = new URL(res.body.data.conversation_link as string).pathname.split('/').pop()!;
    const page = await browser.newPage();
    try {
      for (const bad of [`${token.slice(0, -2)}xy`, token.slice(0, 20), 'nonsense', `${token}.x`]) {
        const response = await page.goto(`${s.t.url}/talk/${bad}`);
        expect(response?.status()).toBe(404);
        expect(await page.locator('h1').textContent()).toBe('Link nicht gefunden');
      }
    } finally {
      await page.close();
    }
  });
});
