/** Unit tests of the launcher's pure parts: plain CommonJS like the launcher, nothing to transform. */
module.exports = require('../jest.preset.js')({
  displayName: 'scripts',
  testMatch: ['**/*.test.cjs'],
  transform: {},
});
