/** Unit tests of the state store's pure parts; its Redis behaviour is tested in test/integration. */
module.exports = require('../../jest.preset.js')({ displayName: 'risk-store' });
