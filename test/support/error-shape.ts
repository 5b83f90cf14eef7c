// docs/api.md's one error shape, asserted the same way by every tier (e2e, controller and medium specs).
import { INTERNALS } from './leaks';

/** Asserts docs/api.md's error shape. */
export function expectErrorShape(
  body: Record<string, unknown>,
  status: { code?: string } = {},
): void {
  expect(body).toEqual(
    expect.objectContaining({
      status: 'error',
      error: expect.any(String),
      code: status.code ?? expect.stringMatching(/^[a-z0-9_]+$/),
      message: expect.any(String),
      details: expect.any(Object),
      request_id: expect.any(String),
      timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    }),
  );
  const text = JSON.stringify(body);
  expect(text).not.toMatch(INTERNALS);
}
