// No import cycles in src/, type-only imports included: lint's import-x/no-cycle ignores
// `import type`, and a type cycle still ties two modules together (it was how
// event-ingest.ts and ingest-statement.ts each needed the other).
import madge from 'madge';
import { join } from 'node:path';
import { REPO_ROOT } from '../../tools/paths';

describe('import graph of src/', () => {
  it('has no cycles', async () => {
    const graph = await madge(join(REPO_ROOT, 'src'), {
      fileExtensions: ['ts'],
      tsConfig: join(REPO_ROOT, 'tsconfig.json'),
      detectiveOptions: { ts: { skipTypeImports: false } },
    });
    expect(Object.keys(graph.obj()).length).toBeGreaterThan(100);
    expect(graph.circular()).toEqual([]);
  });
});
