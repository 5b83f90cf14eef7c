// What an answer must never show: stack frames, dependency paths, this checkout's path, the
// test's temporary directories, SQL.
import { tmpdir } from 'node:os';
import { REPO_ROOT } from '../../tools/paths';
import { SCRATCH_ROOT } from './scratch';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const INTERNALS = new RegExp(
  [
    /\bat \S+ \(/.source,
    'node_modules',
    escape(REPO_ROOT),
    `${escape(tmpdir())}/hoc-`,
    `${escape(SCRATCH_ROOT)}/hoc-`,
    'SELECT ',
    'INSERT ',
  ].join('|'),
);
