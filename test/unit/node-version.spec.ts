// One Node LTS major everywhere (docs/decisions.md): the Node that runs the tests (the pinned
// `node` devDependency, first on npm scripts' PATH), .nvmrc, package.json's engines, the pinned
// devDependency itself and every stage of the Docker image.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const packageJson = JSON.parse(read('package.json')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};
const major = (text: string) => Number(/(\d+)/.exec(text)?.[1]);

describe('Node version', () => {
  const pinned = major(read('.nvmrc'));

  it('runs the tests on the major named in .nvmrc', () => {
    expect(major(process.version)).toBe(pinned);
  });

  it('names the same major in engines and in the pinned node devDependency', () => {
    expect(packageJson.engines.node).toBe(`>=${pinned} <${pinned + 1}`);
    expect(major(packageJson.devDependencies.node)).toBe(pinned);
  });

  it('builds and runs the Docker image on the same major', () => {
    const bases = [...read('Dockerfile').matchAll(/^FROM\s+node:(\S+)/gm)].map((m) => m[1]);
    expect(bases.length).toBeGreaterThanOrEqual(2);
    for (const base of bases) expect(major(base)).toBe(pinned);
  });
});
