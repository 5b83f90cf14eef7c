/**
 * Data-collection items every campaign agent has beside its questions: the callback wish of a
 * candidate without time, and questions the agent could not answer. Post-call keeps them apart
 * from the answers.
 */
export const SCREENING_ITEMS = {
  callbackRequest: 'callback_request',
  openQuestions: 'candidate_open_questions',
} as const;
