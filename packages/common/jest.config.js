/** Unit tests of the shared package: pure functions, no server needed. */
module.exports = require('../../jest.preset.js')({ displayName: 'common' });
