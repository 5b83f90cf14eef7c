// docs/api.md's route table and the OpenAPI document name the same routes with the same auth (the
// scheme, and for bearer routes the scope), so neither drifts from the other.
import { readFileSync } from 'node:fs';
import { repoPath } from '../../tools/paths';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Operation {
  security?: Record<string, string[]>[];
}

/** How the table writes a route's auth: `public`, a scheme, or `bearer \`scope\``. */
function authOf(operation: Operation): string {
  const [requirement] = operation.security ?? [];
  if (!requirement) return 'public';
  const [scheme, scopes] = Object.entries(requirement)[0];
  if (scheme !== 'bearer' || scopes.length === 0) return scheme;
  return scopes[0] === 'authenticated' ? 'bearer (any client)' : `bearer \`${scopes[0]}\``;
}

function openApiRoutes(): Map<string, string> {
  const doc = JSON.parse(readFileSync(repoPath('openapi.json'), 'utf8')) as {
    paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  };
  return new Map(
    Object.entries(doc.paths).flatMap(([path, operations]) =>
      METHODS.flatMap((m) => {
        const operation = operations[m];
        return operation ? [[`${m.toUpperCase()} ${path}`, authOf(operation)] as const] : [];
      }),
    ),
  );
}

function documentedRoutes(): [string, string][] {
  const page = readFileSync(repoPath('docs', 'api.md'), 'utf8');
  const table = page.slice(page.indexOf('## Routes'), page.indexOf('## Throttling'));
  return [...table.matchAll(/^\| `((?:GET|POST|PUT|PATCH|DELETE) [^`]+)` *\| *([^|]*?) *\|/gm)].map(
    (m) => [m[1], m[2]],
  );
}

describe('docs/api.md route table', () => {
  it('lists every route of openapi.json, and no other', () => {
    const documented = documentedRoutes().map(([route]) => route);
    expect([...documented].sort()).toEqual([...openApiRoutes().keys()].sort());
  });

  it("names each route's auth as the OpenAPI document does", () => {
    const routes = openApiRoutes();
    const wrong = documentedRoutes().filter(([route, auth]) => routes.get(route) !== auth);
    expect(wrong).toEqual([]);
  });

  it('lists each route once', () => {
    const routes = documentedRoutes().map(([route]) => route);
    expect(new Set(routes).size).toBe(routes.length);
  });
});
