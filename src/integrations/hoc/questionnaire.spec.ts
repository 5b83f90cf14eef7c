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
      questions: expected,
    });
  });

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
