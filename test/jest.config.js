/**
 * Integration tests: they bring the stack up if it is not running (a no-op under `npm test`, which
 * has already started it) and talk to the real servers. Each test makes its own topics, groups
 * and subjects with random names, so files run in parallel without seeing each other.
 */
module.exports = require('../jest.preset.js')({
  displayName: 'integration',
  roots: ['<rootDir>/integration'],
  globalSetup: '<rootDir>/integration/support/global-setup.cjs',
  testTimeout: 120_000,
});
