// Integration tier: the real app against PostgreSQL and Redis on 127.0.0.1 (see .ci/run).
// Same SWC transform as the tiers of `npm test` (jest.config.js).
const { projects } = require('../jest.config.js');

module.exports = {
  rootDir: '..',
  displayName: 'integration',
  testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
  transform: projects[0].transform,
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/support/build-before-integration.js',
  testTimeout: 120000,
};
