/** Unit tests of the stack's pure parts (configuration, preflight checks); no server needed. */
module.exports = require('../jest.preset.js')({ displayName: 'infra' });
