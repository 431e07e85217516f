/** Unit tests of the producer kit: intake and validation as pure functions. */
module.exports = require('../../jest.preset.js')({ displayName: 'producer-kit' });
