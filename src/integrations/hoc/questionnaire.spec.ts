import { normaliseQuestionnaire } from './questionnaire';

describe('normaliseQuestionnaire', () => {
  const questions = [
    {
      id: 'q1',
      question: 'Wie viele Jahre Berufserfahrung haben Sie?',
      type: 'text',
      required: true,
    },
    { id: 'q2', text: 'Ab wann könnten Sie starten?', type: 'date', required: false },
  ];
  const expected = [
    { id: 'q1', text: 'Wie viele Jahre Berufserfahrung haben Sie?', type: 'text', required: true },
    { id: 'q2', text: 'Ab wann könnten Sie starten?', type: 'date', required: false },
  ];

  it('reads questions at the top level with the campaign fields', () => {
    expect(
      normaliseQuestionnaire({
        campaign_id: 123,
        company_name: 'Tech Startup GmbH',
        job_title: 'Pflegefachkraft',
        language: 'de',
        questions,
      }),
    ).toEqual({
      campaign_id: '123',
      company_name: 'Tech Startup GmbH',
      job_title: 'Pflegefachkraft',
      language: 'de',
      job_facts: [],
      questions: expected,
    });
  });

  it('keeps the job facts the agent may tell', () =>
    expect(
      normaliseQuestionnaire({
        questions,
        job_facts: ['Vollzeit, 38,5 Stunden', ''],
        location: 'Stuttgart',
        job_description: 'Station für Innere Medizin',
      })?.job_facts,
    ).toEqual([
      'Vollzeit, 38,5 Stunden',
      'Arbeitsort / location: Stuttgart',
      'Station für Innere Medizin',
    ]));

  it('unwraps {data: …}', () =>
    expect(normaliseQuestionnaire({ data: { questions } })?.questions).toEqual(expected));
  it('takes a bare array', () =>
    expect(normaliseQuestionnaire(questions)?.questions).toEqual(expected));
  it('takes a {data: [..]} array', () =>
    expect(normaliseQuestionnaire({ data: questions })?.questions).toEqual(expected));
  it('numbers questions without ids and skips empty ones', () =>
    expect(
      normaliseQuestionnaire(['Erste Frage?', '', { text: '  ' }, { question: 'Zweite?' }])
        ?.questions,
    ).toEqual([
      { id: 'q1', text: 'Erste Frage?', type: 'text', required: true },
      { id: 'q4', text: 'Zweite?', type: 'text', required: true },
    ]));
  it('returns null without a question list', () => {
    expect(normaliseQuestionnaire({ campaign_id: 1 })).toBeNull();
    expect(normaliseQuestionnaire('nope')).toBeNull();
    expect(normaliseQuestionnaire(null)).toBeNull();
  });
});
