// The committed openapi.json (kept equal to /docs-json by test/e2e/openapi.e2e-spec.ts) passes a
// real OpenAPI schema validator, and reads well for people and generated clients.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT as root } from '../../tools/paths';

interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, { example?: Record<string, unknown> }> }>;
}
const document = JSON.parse(readFileSync(join(root, 'openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
};
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
);

/** The validator is ESM-only; it runs in its own Node process on the document given on stdin. */
function validate(spec: unknown): { valid: boolean; errors?: unknown } {
  const script = `
    import { Validator } from '@seriousme/openapi-schema-validator';
    import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
    const result = await new Validator().validate(JSON.parse(readFileSync(0, 'utf8')));
    process.stdout.write(JSON.stringify(result));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    input: JSON.stringify(spec),
    cwd: root,
    encoding: 'utf8',
  });
  return JSON.parse(out) as { valid: boolean; errors?: unknown };
}

describe('openapi.json', () => {
  it('is a valid OpenAPI 3.0 document (@seriousme/openapi-schema-validator)', () => {
    const result = validate(document);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('the validator does reject a Swagger 2 response schema (the old /health/ready 503)', () => {
    const broken = structuredClone(document) as unknown as Record<string, any>;
    broken.paths['/health/ready'].get.responses['503'].schema = { type: 'object' };
    expect(validate(broken).valid).toBe(false);
  });

  it('names every operation as a method (camelCase, unique, no Controller_ prefix)', () => {
    const ids = operations.map(({ op }) => op.operationId);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9]+$/);
    expect(new Set(ids).size).toBe(ids.length);
    const byRoute = Object.fromEntries(operations.map(({ route, op }) => [route, op.operationId]));
    expect(byRoute).toMatchObject({
      'POST /webhook/trigger-call': 'triggerCall',
      'POST /webhook/setup-campaign': 'setupCampaign',
      'POST /webhook/post-call': 'receivePostCallWebhook',
      'GET /calls/{conversation_id}': 'getCall',
    });
  });

  it('gives every error response an example in the error shape with its own status meaning', () => {
    const seen = new Set<string>();
    for (const { route, op } of operations) {
      for (const [status, response] of Object.entries(op.responses)) {
        const example = response.content?.['application/json']?.example;
        if (Number(status) < 400 || !response.content?.['application/json']) continue;
        expect({ route, status, example }).toEqual({
          route,
          status,
          example: expect.objectContaining({ status: 'error', code: expect.any(String) }),
        });
        seen.add(`${status} ${String(example!.code)}`);
      }
    }
    // Not one example for all: 401, 404 and 502 say different things.
    expect([...seen]).toEqual(
      expect.arrayContaining([
        '400 missing_required_fields',
        '401 missing_authorization',
        '401 invalid_signature',
        '404 call_not_found',
        '502 upstream_error',
        '504 upstream_timeout',
      ]),
    );
  });
});
