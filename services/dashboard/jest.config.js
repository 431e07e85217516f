/**
 * Unit tests of the dashboard's pure parts: rates, lag, per-minute alert counts, the metrics
 * targets, and the browser modules that parse the desk stream and keep the desk's alerts (plain
 * ES modules under public/js, which swc turns into CommonJS for jest).
 */
module.exports = require('../../jest.preset.js')({
  displayName: 'dashboard',
  transform: { '^.+\\.(ts|js)$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
});
