import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCampaignScript, renderCallScript, renderTemplate } from './agent-script';
import { loadScriptTemplates } from './script-templates';

describe('agent script', () => {
  const questions = [
    {
      id: 'q1',
      text: 'Wie viele Jahre Berufserfahrung haben Sie in der Pflege?',
      type: 'number',
      required: true,
    },
    { id: 'q2', text: 'Ab wann könnten Sie starten?', type: 'date', required: true },
    { id: 'q3', text: 'Haben Sie einen Führerschein?', type: 'boolean', required: false },
  ];
  const call = {
    candidate_first_name: 'Max',
    candidate_last_name: 'Mustermann',
    company_name: 'Robert Bosch Krankenhaus',
    campaign_id: '16',
  };
  const input = (language: string) => ({
    agentName: 'Susi',
    language,
    jobTitle: 'Pflegefachkraft (m/w/d)',
    jobFacts: ['Vollzeit, 38,5 Stunden'],
    questions,
  });
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'hoc-templates-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const script = async (language = 'de', campaignId = '16') =>
    renderCallScript(
      buildCampaignScript(
        await loadScriptTemplates(dataDir, campaignId, language),
        input(language),
      ),
      call,
    );

  it('greets with agent and the call’s company and checks the identity, in German by default', async () => {
    expect((await script()).firstMessage).toBe(
      'Guten Tag, hier spricht Susi, die digitale Recruiting-Assistentin von Robert Bosch Krankenhaus. Spreche ich mit Max Mustermann?',
    );
  });

  it('writes the whole interview: consent, identity, questions in order, no-time, voicemail, ending', async () => {
    const { prompt } = await script();
    expect(prompt).not.toMatch(/\{\{\w+\}\}/);
    expect(prompt).not.toContain('HOC');
    expect(prompt).toContain(
      'Du bist Susi, die digitale Recruiting-Assistentin von Robert Bosch Krankenhaus.',
    );
    expect(prompt).toContain('auf die Stelle „Pflegefachkraft (m/w/d)“ beworben hat');
    for (const phrase of [
      'aufgezeichnet und automatisch verschriftlicht',
      'gemäß DSGVO gelöscht',
      'Ist es eine andere Person',
      'Rückruf',
      'Mailbox oder einen Anrufbeantworter, lege sofort auf und hinterlasse keine Nachricht',
      'Mache keine Zusagen zu Gehalt, Einstellung',
      '- Vollzeit, 38,5 Stunden',
      'Ich notiere Ihre Frage',
      'formuliere die Frage einmal anders',
      'beende dann das Gespräch',
    ])
      expect(prompt).toContain(phrase);
    const positions = [
      '(ID q1, Pflichtfrage; Antwort: eine Zahl): Wie viele',
      '(ID q2, Pflichtfrage; Antwort: ein Datum)',
      '(ID q3, optional; Antwort: ja oder nein): Haben Sie',
    ].map((s) => prompt.indexOf(s));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(prompt.length).toBeGreaterThan(4500);
  });

  it('speaks English when the language is en', async () => {
    const { prompt, firstMessage } = await script('en');
    expect(firstMessage).toBe(
      'Hello, this is Susi, the digital recruiting assistant of Robert Bosch Krankenhaus. Am I speaking with Max Mustermann?',
    );
    expect(prompt).toContain('hang up immediately and leave no message');
    expect(prompt).toContain('(ID q3, optional; answer: yes or no): Haben Sie einen Führerschein?');
  });

  it('uses an operator’s templates: per campaign before all campaigns before built-in', async () => {
    mkdirSync(join(dataDir, 'templates', 'campaigns', '16'), { recursive: true });
    writeFileSync(
      join(dataDir, 'templates', 'first-message.de.txt'),
      'Hallo von {{company_name}}!',
    );
    writeFileSync(
      join(dataDir, 'templates', 'campaigns', '16', 'prompt.de.txt'),
      'Nur: {{questions}}',
    );
    const templates = await loadScriptTemplates(dataDir, '16', 'de');
    expect(templates.source.prompt).toBe(
      join(dataDir, 'templates', 'campaigns', '16', 'prompt.de.txt'),
    );
    expect(templates.source.first_message).toBe(join(dataDir, 'templates', 'first-message.de.txt'));
    const rendered = renderCallScript(buildCampaignScript(templates, input('de')), call);
    expect(rendered.firstMessage).toBe('Hallo von Robert Bosch Krankenhaus!');
    expect(rendered.prompt.startsWith('Nur:    Frage 1 (ID q1')).toBe(true);
    expect((await loadScriptTemplates(dataDir, '17', 'de')).source.prompt).toBe(
      'built-in:prompt.de.txt',
    );
  });

  it('keeps HOC’s text from injecting placeholders and names no company without one', async () => {
    const templates = await loadScriptTemplates(dataDir, null, 'de');
    const built = buildCampaignScript(templates, {
      ...input('de'),
      jobTitle: null,
      questions: [{ id: 'q1', text: 'Kennen Sie {{company_name}}?', type: 'text', required: true }],
    });
    expect(built.prompt_template).toContain('auf eine Stelle bei {{company_name}} beworben hat');
    expect(built.prompt_template).toContain('Kennen Sie company_name?');
  });

  it('leaves unknown placeholders alone', () =>
    expect(renderTemplate('{{a}} {{ b }}', { a: '1' })).toBe('1 {{ b }}'));
});
