// Jest globalSetup of the integration tier: replicas, kill -9 and SIGTERM run the built app
// (dist/main.js), so build it first when a source is newer than the last build.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = () => {
  execFileSync(process.execPath, [join(__dirname, '..', '..', 'scripts', 'build-if-stale.js')], {
    stdio: 'inherit',
  });
};
