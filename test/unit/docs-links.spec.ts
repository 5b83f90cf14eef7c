// Every relative link in the README and docs/ points at a file of this repository, and every page
// of docs/ is reachable from the README, so the front door leads everywhere and nowhere dead.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { repoPath } from '../../tools/paths';

const pages = [
  repoPath('README.md'),
  ...readdirSync(repoPath('docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => repoPath('docs', name)),
];

function relativeLinks(page: string): string[] {
  const text = readFileSync(page, 'utf8').replace(/```[\s\S]*?```/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1].split('#')[0])
    .filter((target) => target !== '' && !/^[a-z]+:/i.test(target));
}

describe('documentation links', () => {
  it.each(pages.map((page) => [relative(repoPath(), page), page]))(
    '%s links only to files that exist',
    (_name, page) => {
      const dead = relativeLinks(page).filter((target) => !existsSync(join(dirname(page), target)));
      expect(dead).toEqual([]);
    },
  );

  it('the README links to every page of docs/', () => {
    const linked = new Set(relativeLinks(repoPath('README.md')));
    const unlinked = pages
      .slice(1)
      .map((page) => relative(repoPath(), page))
      .filter((page) => !linked.has(page));
    expect(unlinked).toEqual([]);
  });
});
