/** Tests of the risk processor on the real stack live in test/integration; these are its units. */
module.exports = require('../../jest.preset.js')({ displayName: 'risk-processor' });
