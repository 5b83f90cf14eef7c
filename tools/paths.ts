// Paths from the repository root, so no test, script or tool depends on where the checkout is.
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..');

/** A path inside the repository: `repoPath('src', 'metadata.ts')`. */
export const repoPath = (...parts: string[]): string => join(REPO_ROOT, ...parts);

/** A provider example of src/docs/examples, e.g. `examplePath('hoc/questionnaire.json')`. */
export const examplePath = (path: string): string => repoPath('src', 'docs', 'examples', path);
