import { firstMessageTemplate, promptTemplate, renderTemplate } from './agent-script';

describe('agent script', () => {
  const questions = [
    { text: 'Wie viele Jahre Berufserfahrung haben Sie in der Pflege?', required: true },
    { text: 'Haben Sie einen Führerschein?', required: false },
  ];
  const vars = { candidate_first_name: 'Max', candidate_last_name: 'Mustermann' };

  it('greets in German by default', () => {
    const message = renderTemplate(
      firstMessageTemplate({ agentName: 'Susi', language: 'de', companyName: 'Tech Startup GmbH' }),
      vars,
    );
    expect(message).toBe(
      'Guten Tag Max Mustermann, hier spricht Susi von Tech Startup GmbH. Haben Sie kurz Zeit für ein paar Fragen zu Ihrer Bewerbung?',
    );
  });

  it('lists the questions in order, marking optional ones', () => {
    const prompt = renderTemplate(
      promptTemplate({
        agentName: 'Susi',
        language: 'de',
        companyName: 'Tech Startup GmbH',
        jobTitle: 'Pflegefachkraft (m/w/d)',
        questions,
      }),
      vars,
    );
    expect(prompt).toContain(
      'Du bist Susi, eine freundliche Recruiting-Assistentin von Tech Startup GmbH.',
    );
    expect(prompt).toContain('mit Max Mustermann für die Stelle „Pflegefachkraft (m/w/d)“');
    expect(prompt.indexOf('1. Wie viele Jahre')).toBeLessThan(
      prompt.indexOf('2. Haben Sie einen Führerschein? (optional)'),
    );
  });

  it('falls back to a generic interview without questions', () => {
    expect(
      promptTemplate({
        agentName: 'Susi',
        language: 'de',
        companyName: 'X',
        jobTitle: null,
        questions: [],
      }),
    ).toContain('Es liegt kein Fragebogen vor');
  });

  it('speaks English when AGENT_LANGUAGE is en', () => {
    expect(
      renderTemplate(
        firstMessageTemplate({ agentName: 'Sue', language: 'en', companyName: 'Acme' }),
        vars,
      ),
    ).toBe(
      'Hello Max Mustermann, this is Sue from Acme. Do you have a moment for a few questions about your application?',
    );
  });

  it('leaves unknown placeholders alone', () =>
    expect(renderTemplate('{{a}} {{b}}', { a: '1' })).toBe('1 {{b}}'));
});
