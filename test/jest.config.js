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
  // content-disposition 2 (under @fastify/static, which the dashboard's entry loads) ships only ES
  // modules, which jest's CommonJS runtime cannot require: swc turns it into CommonJS too.
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }],
    '/node_modules/content-disposition/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
});
