/** Unit tests of the domain package: pure functions over the reference data. */
module.exports = require('../../jest.preset.js')({ displayName: 'domain' });
