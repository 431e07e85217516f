/** Unit tests of the analysts file: its checks, its tokens, the roles. */
module.exports = require('../../jest.preset.js')({ displayName: 'analysts' });
