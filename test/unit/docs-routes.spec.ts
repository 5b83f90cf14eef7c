// docs/api.md's route table and the OpenAPI document name the same routes, so neither drifts.
import { readFileSync } from 'node:fs';
import { repoPath } from '../../tools/paths';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function openApiRoutes(): string[] {
  const doc = JSON.parse(readFileSync(repoPath('openapi.json'), 'utf8')) as {
    paths: Record<string, Partial<Record<(typeof METHODS)[number], unknown>>>;
  };
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    METHODS.filter((m) => operations[m]).map((m) => `${m.toUpperCase()} ${path}`),
  );
}

function documentedRoutes(): string[] {
  const page = readFileSync(repoPath('docs', 'api.md'), 'utf8');
  const table = page.slice(page.indexOf('## Routes'), page.indexOf('## Throttling'));
  return [...table.matchAll(/^\| `((?:GET|POST|PUT|PATCH|DELETE) [^`]+)`/gm)].map((m) => m[1]);
}

describe('docs/api.md route table', () => {
  it('lists every route of openapi.json, and no other', () => {
    expect([...documentedRoutes()].sort()).toEqual([...openApiRoutes()].sort());
  });

  it('lists each route once', () => {
    const routes = documentedRoutes();
    expect(new Set(routes).size).toBe(routes.length);
  });
});
