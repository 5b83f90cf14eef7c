// `npm start`'s build step: runs `nest build` only when a source or build setting is newer than
// the last build (dist/.build-stamp), so a second start does not spend ~20 s recompiling what is
// current. Plain JavaScript: it must run before anything is compiled.
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const stamp = join(root, 'dist', '.build-stamp');
const INPUTS = [
  'src',
  'tsconfig.json',
  'tsconfig.build.json',
  'nest-cli.json',
  'package-lock.json',
];

function newest(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), 0);
}

function stale() {
  if (!existsSync(stamp) || !existsSync(join(root, 'dist', 'main.js'))) return 'no build yet';
  const built = statSync(stamp).mtimeMs;
  const changed = INPUTS.map((input) => join(root, input)).find(
    (path) => existsSync(path) && newest(path) > built,
  );
  return changed ? `${changed.slice(root.length + 1)} changed` : null;
}

const reason = stale();
if (reason) {
  process.stdout.write(`Building (${reason})…\n`);
  execFileSync(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js'), 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
} else {
  process.stdout.write('Build is current (dist/), not rebuilding\n');
}
